import Foundation
import GantryControl
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import NIOCore
import Testing

/// A running platform with a locomotive and a crane, each served by a device that is a real MQTT client on
/// the platform's broker, the control and alarm services running on a manual clock, and five people: the
/// admin, two operators, a supervisor (engineer) and a viewer.
struct ControlFixture: Sendable {
    let client: any TestClientProtocol
    let platform: Platform
    let clock: ManualClock
    let start: Int64
    let admin: String
    /// `li.wei`, operator.
    let driver: String
    /// `zhang.min`, operator.
    let secondDriver: String
    /// `chen.jun`, engineer: may take control over.
    let supervisor: String
    /// `wang.fang`, viewer.
    let viewer: String
    let locomotiveDevice: ScriptedDevice
    let craneDevice: ScriptedDevice

    static let locomotive = "acme/mine/haulage/loco-1"
    static let crane = "acme/mine/haulage/crane-1"

    static func with(_ body: @escaping @Sendable (ControlFixture) async throws -> Void) async throws {
        let clock = ManualClock()
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        try await TestPlatform.withPlatform(timing: TestPlatform.manualTiming(clock, start: start)) { platform in
            try await platform.makeApplication().test(.live) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                let passwords = try await provision(client, admin)
                try await TestPlatform.withMQTT(platform) { port in
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        tasks.addTask { try await platform.control.run() }
                        tasks.addTask { try await platform.alarms.run() }
                        defer { tasks.cancelAll() }
                        let fixture = ControlFixture(
                            client: client, platform: platform, clock: clock, start: start, admin: admin,
                            driver: try await client.signIn("li.wei", "night-shift-2026"),
                            secondDriver: try await client.signIn("zhang.min", "day-shift-2026"),
                            supervisor: try await client.signIn("chen.jun", "control-room-2026"),
                            viewer: try await client.signIn("wang.fang", "visitor-pass-2026"),
                            locomotiveDevice: try await ScriptedDevice.connect(
                                port: port, name: "loco-1-plc", password: passwords[0]),
                            craneDevice: try await ScriptedDevice.connect(
                                port: port, name: "crane-1-plc", password: passwords[1]))
                        try await fixture.setStandstill()
                        try await body(fixture)
                        await fixture.locomotiveDevice.client.close()
                        await fixture.craneDevice.client.close()
                    }
                }
            }
        }
    }

    /// Creates the plant, the two devices and the people; returns the devices' passwords.
    static func provision(_ client: any TestClientProtocol, _ admin: String) async throws -> [String] {
        for (path, type) in [
            ("acme", nil), ("acme/mine", nil), ("acme/mine/haulage", nil), (locomotive, "electric-locomotive"),
            (crane, "overhead-crane"),
        ] {
            let typeField = type.map { #","type":"\#($0)""# } ?? ""
            let response = try await client.send(
                .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"\#(typeField)}"#)
            try #require(response.status == .created, "\(response.text)")
        }
        var passwords: [String] = []
        for (name, asset) in [("loco-1-plc", locomotive), ("crane-1-plc", crane)] {
            let response = try await client.send(
                .post, "/api/v1/devices", token: admin, json: #"{"name":"\#(name)","assetPath":"\#(asset)"}"#)
            try #require(response.status == .created, "\(response.text)")
            passwords.append(try #require(try response.json()["password"] as? String))
        }
        for (user, password, role) in [
            ("li.wei", "night-shift-2026", "operator"), ("zhang.min", "day-shift-2026", "operator"),
            ("chen.jun", "control-room-2026", "engineer"), ("wang.fang", "visitor-pass-2026", "viewer"),
        ] {
            let response = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: #"""
                    {"username":"\#(user)","password":"\#(password)","grants":[{"role":"\#(role)","path":"acme/mine"}]}
                    """#)
            try #require(response.status == .created, "\(response.text)")
        }
        return passwords
    }

    /// Both machines stand still with brakes released and no emergency stop, as their tags say now.
    func setStandstill() async throws {
        try await write([
            ("\(Self.locomotive)/speed", "0"), ("\(Self.locomotive)/brake_pressure", "0"),
            ("\(Self.locomotive)/emergency_stop", "false"), ("\(Self.crane)/overload", "false"),
            ("\(Self.crane)/wind_speed", "3"), ("\(Self.crane)/emergency_stop", "false"),
        ])
    }

    /// Stores samples stamped now (platform time) and waits until the control service has seen them.
    func write(_ samples: [(String, String)]) async throws {
        let now = now()
        let body = samples.map { #"{"tag":"\#($0.0)","ts":\#(now),"value":\#($0.1)}"# }.joined(separator: ",")
        let response = try await client.send(.post, "/api/v1/telemetry", token: admin, json: "[\(body)]")
        try #require(response.status == .ok || response.status == .created, "\(response.text)")
        await platform.control.settle()
    }

    func now() -> Int64 {
        let offset = clock.now.offset.components
        return start + offset.seconds * 1000 + offset.attoseconds / 1_000_000_000_000_000
    }

    func lease(
        _ token: String, _ equipment: String = locomotive, takeOver: Bool = false
    ) async throws
        -> TestResponse
    {
        let id = equipment.replacingOccurrences(of: "/", with: "%2F")
        return try await client.send(
            .post, "/api/v1/equipment/\(id)/lease\(takeOver ? "?takeover=true" : "")", token: token)
    }

    func command(
        _ token: String, _ name: String, _ args: String = "{}", equipment: String = locomotive, ttlMs: Int? = nil
    ) async throws -> TestResponse {
        let ttl = ttlMs.map { #","ttlMs":\#($0)"# } ?? ""
        return try await client.send(
            .post, "/api/v1/commands", token: token,
            json: #"{"equipment":"\#(equipment)","name":"\#(name)","args":\#(args)\#(ttl)}"#)
    }

    func get(_ id: String) async throws -> [String: Any] {
        let response = try await client.send(.get, "/api/v1/commands/\(id)", token: admin)
        try #require(response.status == .ok, "\(response.text)")
        return try response.json()
    }

    /// Waits (bounded) until the command is in `state`; reports are handled asynchronously.
    @discardableResult
    func waitFor(_ id: String, _ state: String) async throws -> [String: Any] {
        for _ in 0..<1000 {
            let command = try await get(id)
            if command["state"] as? String == state { return command }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestSetupError("command \(id) never became \(state); it is \(try await get(id)["state"] ?? "?")")
    }

    /// Moves the manual clock and lets the control service's ticker run once more.
    func advance(by duration: Duration) async throws {
        try await clock.waitForSleepers(2)
        clock.advance(by: duration)
        try await clock.waitForSleepers(2)
        await platform.control.settle()
    }
}

/// A device on the platform's broker that answers commands as the test tells it.
struct ScriptedDevice: Sendable {
    let client: MQTTClient
    let name: String

    static func connect(port: Int, name: String, password: String) async throws -> ScriptedDevice {
        var configuration = MQTTClientConfiguration(clientID: name)
        configuration.username = "acme.\(name)"
        configuration.password = Array(password.utf8)
        let client = try await MQTTClient.connect(port: port, configuration: configuration)
        let granted = try await client.subscribe(
            to: ControlTopic.deviceFilter(enterprise: "acme", device: name), qos: .atLeastOnce)
        try #require(granted.rawValue < 0x80, "the device may subscribe to its control topics")
        return ScriptedDevice(client: client, name: name)
    }

    /// The next message on one of its control topics, of `kind`; others are skipped.
    func next<Message: Decodable & Sendable>(_ kind: ControlTopic.Kind, as type: Message.Type) async throws -> Message {
        try await withDeadline("a \(kind.rawValue) for \(name)") {
            for await packet in client.messages {
                guard ControlTopic(packet.topic)?.kind == kind else { continue }
                return try ControlWire.decode(type, from: Array(packet.payload.readableBytesView))
            }
            throw TestSetupError("the device's connection closed")
        }
    }

    func nextCommand() async throws -> DeviceCommand { try await next(.command, as: DeviceCommand.self) }

    @discardableResult
    func report(
        _ command: DeviceCommand, _ status: DeviceCommandReport.Status, reason: String? = nil
    ) async throws
        -> ReasonCode
    {
        try await publish(
            .report,
            DeviceCommandReport(id: command.id, sequence: command.sequence, status: status, reason: reason, at: 0))
    }

    @discardableResult
    func publish(_ kind: ControlTopic.Kind, _ message: some Encodable, device: String? = nil) async throws -> ReasonCode
    {
        let topic = ControlTopic(enterprise: "acme", device: device ?? name, kind: kind)
        return try await client.publish(
            to: topic.description, payload: ByteBuffer(bytes: ControlWire.encode(message)), qos: .atLeastOnce)
    }
}
