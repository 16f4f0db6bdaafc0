import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// A platform with its connector supervisor and control service running, a press line under `acme/plant`
/// with a device `press-plc` bound to it, and the admin signed in: what the connector API tests stand on.
struct ConnectorFixture: Sendable {
    let client: any TestClientProtocol
    let platform: Platform
    let admin: String
    let deviceID: String

    static let asset = "acme/plant/line-1/press-7"

    static func with(
        backend: TestBackend = .sqlite, _ body: @escaping @Sendable (ConnectorFixture) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform(backend: backend) { platform in
            try await run(platform, provision: true, body)
        }
    }

    /// Runs `body` on an open `platform`, provisioning the plant first when asked (not after a restart).
    static func run(
        _ platform: Platform, provision: Bool, _ body: @escaping @Sendable (ConnectorFixture) async throws -> Void
    ) async throws {
        try await platform.makeApplication().test(.live) { client in
            let admin = try await client.signIn("admin", TestPlatform.adminPassword)
            if provision { try await Self.provision(client, admin) }
            let devices = try await client.send(.get, "/api/v1/devices", token: admin).json()
            let items = try #require(devices["items"] as? [[String: Any]])
            let deviceID = try #require(items.first { $0["name"] as? String == "press-plc" }?["id"] as? String)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await platform.connectors.run() }
                tasks.addTask { try await platform.ingest.run() }
                tasks.addTask { try await platform.control.run() }
                defer { tasks.cancelAll() }
                try await body(ConnectorFixture(client: client, platform: platform, admin: admin, deviceID: deviceID))
            }
        }
    }

    static func provision(_ client: any TestClientProtocol, _ admin: String) async throws {
        for (path, type) in [
            ("acme", nil), ("acme/plant", nil), ("acme/plant/line-1", nil), (asset, "electric-locomotive"),
        ] {
            let typeField = type.map { #","type":"\#($0)""# } ?? ""
            let response = try await client.send(
                .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"\#(typeField)}"#)
            try #require(response.status == .created, "\(response.text)")
        }
        let response = try await client.send(
            .post, "/api/v1/devices", token: admin, json: #"{"name":"press-plc","assetPath":"\#(asset)"}"#)
        try #require(response.status == .created, "\(response.text)")
    }

    /// Saves `definition` as the device's connector and returns the answer.
    func save(_ definition: String) async throws -> TestResponse {
        try await client.send(.put, "/api/v1/devices/\(deviceID)/connector", token: admin, json: definition)
    }

    /// The connector's view as the API shows it.
    func view() async throws -> [String: Any] {
        try await client.send(.get, "/api/v1/devices/\(deviceID)/connector", token: admin).json()
    }

    /// The latest point of `tag` (under the press), as the API answers it; `nil` before any.
    func latest(_ tag: String) async throws -> [String: Any]? {
        let answer = try await client.send(.get, "/api/v1/telemetry/latest?tag=\(Self.asset)/\(tag)", token: admin)
        guard answer.status == .ok, let series = try answer.json()["series"] as? [[String: Any]],
            let points = series.first?["points"] as? [[String: Any]]
        else { return nil }
        return points.last
    }

    /// The quality of the latest point of `tag` (`good` when the API leaves it out); `nil` before any point.
    func quality(_ tag: String) async throws -> String? {
        guard let point = try await latest(tag) else { return nil }
        return point["quality"] as? String ?? "good"
    }

    /// Whether the device counts as connected.
    func deviceOnline() async throws -> Bool {
        try await client.send(.get, "/api/v1/devices/\(deviceID)", token: admin).json()["online"] as? Bool == true
    }

    /// Waits (bounded, not timed) until `condition` holds.
    func eventually(_ what: String, _ condition: @escaping @Sendable () async throws -> Bool) async throws {
        try await withDeadline(what, limit: .seconds(40)) {
            while try await !condition() { try await Task.sleep(for: .milliseconds(100)) }
        }
    }

    /// A Modbus connector on the pymodbus peer at `port`: temperature (float32), counter (uint32), pressure (scaled),
    /// the running coil, the over-temperature input and the setpoint (float32, written by `set_speed`).
    static func modbus(port: Int, extra: String = "") -> String {
        #"""
        {"modbus": {"host": "127.0.0.1", "port": \#(port), "timeoutMilliseconds": 1000,
          "reconnectInitialMilliseconds": 100, "reconnectMaximumMilliseconds": 400,
          "groups": [{"name": "fast", "unitID": 1, "scanRateMilliseconds": 100, "points": [
            {"name": "temperature", "table": "inputRegister", "address": 0, "type": "float32"},
            {"name": "counter", "table": "inputRegister", "address": 2, "type": "uint32"},
            {"name": "pressure", "table": "inputRegister", "address": 4, "type": "uint16", "scale": 0.01},
            {"name": "running", "table": "coil", "address": 0, "type": "bool"},
            {"name": "over_temperature", "table": "discreteInput", "address": 0, "type": "bool"},
            {"name": "setpoint", "table": "holdingRegister", "address": 10, "type": "float32"}]}]},
         "tags": {"temperature": "oil_temperature"},
         "commands": [{"command": "set_speed", "argument": "speed", "point": "setpoint"}]\#(extra)}
        """#
    }
}
