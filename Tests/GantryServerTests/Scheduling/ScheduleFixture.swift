import Foundation
import GantryScheduling
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// A platform with its schedule board running and the admin signed in: what the scheduling API tests stand on.
struct ScheduleFixture: Sendable {
    let client: any TestClientProtocol
    let platform: Platform
    let admin: String

    static func with(
        configure: @escaping @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (ScheduleFixture) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform(configure: configure) { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await platform.schedules.run() }
                    defer { tasks.cancelAll() }
                    try await body(ScheduleFixture(client: client, platform: platform, admin: admin))
                }
            }
        }
    }

    /// ft06 (Fisher and Thompson, 6 × 6, optimum 55) as its benchmark file has it.
    static var ft06: String {
        get throws {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let file = repository.deletingLastPathComponent().appendingPathComponent(
                "shared/data/jobshop/jssp/ft06.txt")
            return try String(contentsOf: file, encoding: .utf8)
        }
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    /// Posts `json` to `/api/v1/schedules`.
    func submit(_ json: String) async throws -> TestResponse {
        try await client.send(.post, "/api/v1/schedules", token: admin, json: json)
    }

    /// Posts `json` and returns the new schedule's id; fails unless it was accepted.
    func accepted(_ json: String) async throws -> String {
        let response = try await submit(json)
        try #require(response.status == .accepted, "\(response.text)")
        let id = try #require(try response.json()["id"] as? String)
        #expect(response.headers[.location] == "/api/v1/schedules/\(id)")
        return id
    }

    /// The schedule as `GET /api/v1/schedules/{id}` answers it.
    func schedule(_ id: String) async throws -> [String: Any] {
        let response = try await client.send(.get, "/api/v1/schedules/\(id)", token: admin)
        try #require(response.status == .ok, "\(response.text)")
        return try response.json()
    }

    /// Waits (bounded, not timed) until the schedule is in one of `states` (with its result, unless told
    /// otherwise), and returns it.
    func waitFor(_ id: String, _ states: Set<String> = ["done"], withResult: Bool = true) async throws -> [String: Any]
    {
        try await withDeadline("schedule \(id) reaches \(states)", limit: .seconds(120)) {
            while true {
                let view = try await schedule(id)
                if let state = view["state"] as? String, states.contains(state), !withResult || view["result"] != nil {
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        return try await schedule(id)
    }

    /// The result's (or, with `part` "preview", the running solve's best so far) operations as a schedule, for
    /// `ScheduleChecker`.
    static func schedule(of view: [String: Any], _ part: String = "result") throws -> Schedule {
        let result = try #require(view[part] as? [String: Any])
        let operations = try #require(result["operations"] as? [[String: Any]])
        return Schedule(
            operations: try operations.map { entry in
                ScheduledOperation(
                    id: OperationID(
                        job: try #require(entry["job"] as? Int), operation: try #require(entry["operation"] as? Int)),
                    machine: try #require(entry["machine"] as? Int), start: try #require(entry["start"] as? Int),
                    end: try #require(entry["end"] as? Int))
            })
    }
}
