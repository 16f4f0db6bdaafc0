import Foundation
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import Testing

/// A running platform with a fan whose vibration and running state are tags, its alarm service running on
/// a manual clock, and three people: the admin, an operator of the plant and a viewer of it.
struct AlarmFixture: Sendable {
    let client: any TestClientProtocol
    let platform: Platform
    let clock: ManualClock
    /// Wall time when the clock stood at zero, in epoch milliseconds; samples are stamped from it.
    let start: Int64
    let admin: String
    let operatorToken: String
    let viewer: String

    static let vibration = "acme/plant1/fan-1/vibration"
    static let running = "acme/plant1/fan-1/running"

    /// A limit rule on the fan's vibration: H at 7.1 mm/s (priority 2), HH at 11 (priority 1).
    static let vibrationRule = #"""
        {"id":"fan-vibration","asset":"acme/plant1/fan-1","priority":2,"message":"Fan vibration",
         "condition":{"limit":{"tag":"acme/plant1/fan-1/vibration","deadband":0.5,
                               "high":{"value":7.1},"highHigh":{"value":11,"priority":1}}}}
        """#

    static func with(
        backend: TestBackend = .sqlite, _ body: @escaping @Sendable (AlarmFixture) async throws -> Void
    ) async throws {
        let clock = ManualClock()
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        try await TestPlatform.withPlatform(
            backend: backend, timing: TestPlatform.manualTiming(clock, start: start)
        ) { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                try await provision(client, admin)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await platform.alarms.run() }
                    tasks.addTask { try await platform.webhooks.run() }
                    defer { tasks.cancelAll() }
                    let fixture = AlarmFixture(
                        client: client, platform: platform, clock: clock, start: start, admin: admin,
                        operatorToken: try await client.signIn("li.wei", "night-shift-2026"),
                        viewer: try await client.signIn("wang.fang", "day-shift-2026"))
                    try await body(fixture)
                }
            }
        }
    }

    static func provision(_ client: any TestClientProtocol, _ admin: String) async throws {
        for path in ["acme", "acme/plant1", "acme/plant1/fan-1", "acme/plant2", "acme/plant2/pump-1"] {
            let response = try await client.send(
                .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"}"#)
            try #require(response.status == .created, "\(response.text)")
        }
        for (tag, type) in [
            (vibration, "double"), (running, "bool"), ("acme/plant2/pump-1/pressure", "double"),
        ] {
            let response = try await client.send(
                .post, "/api/v1/tags", token: admin, json: #"{"path":"\#(tag)","dataType":"\#(type)"}"#)
            try #require(response.status == .created, "\(response.text)")
        }
        for (user, password, role) in [
            ("li.wei", "night-shift-2026", "operator"), ("wang.fang", "day-shift-2026", "viewer"),
        ] {
            let response = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: #"""
                    {"username":"\#(user)","password":"\#(password)",
                     "grants":[{"role":"\#(role)","path":"acme/plant1"}]}
                    """#)
            try #require(response.status == .created, "\(response.text)")
        }
    }

    /// Posts one sample of `tag` stamped `at` milliseconds after ``start``.
    func write(_ tag: String, _ value: String, at offset: Int64 = 0) async throws {
        let response = try await client.send(
            .post, "/api/v1/telemetry", token: admin,
            json: #"[{"tag":"\#(tag)","ts":\#(start + offset),"value":\#(value)}]"#)
        try #require(response.status == .ok || response.status == .created, "\(response.text)")
    }

    /// `GET /api/v1/alarms/{id}` as the admin.
    func alarm(_ id: String) async throws -> [String: Any] {
        let response = try await client.send(.get, "/api/v1/alarms/\(id)", token: admin)
        try #require(response.status == .ok, "\(response.text)")
        return try response.json()
    }

    /// Waits (bounded) until the alarm is in `state`; the alarm service evaluates samples asynchronously.
    @discardableResult
    func waitFor(_ id: String, _ state: String) async throws -> [String: Any] {
        for _ in 0..<2000 {
            let alarm = try await alarm(id)
            if alarm["state"] as? String == state { return alarm }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestSetupError("alarm \(id) never reached \(state); it is \(try await alarm(id)["state"] ?? "?")")
    }

    /// Waits (bounded) until the alarm has a pending condition change, i.e. its sample was evaluated.
    func waitForPending(_ id: String) async throws {
        for _ in 0..<2000 {
            if try await alarm(id)["pending"] != nil { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestSetupError("alarm \(id) never had a pending condition")
    }

    /// Moves the manual clock by `duration` and waits until the alarm service's ticker has run and is
    /// asleep again (`sleepers` counts everything waiting on the clock, the ticker included).
    func advance(by duration: Duration, sleepers: Int = 1) async throws {
        try await clock.waitForSleepers(sleepers)
        clock.advance(by: duration)
        try await clock.waitForSleepers(sleepers)
    }

    /// The journal lines of `alarm`, newest first.
    func journal(_ alarm: String) async throws -> [[String: Any]] {
        await platform.alarms.flush()
        let response = try await client.send(.get, "/api/v1/alarms/journal?alarm=\(alarm)", token: admin)
        try #require(response.status == .ok, "\(response.text)")
        return try response.json()["items"] as? [[String: Any]] ?? []
    }
}
