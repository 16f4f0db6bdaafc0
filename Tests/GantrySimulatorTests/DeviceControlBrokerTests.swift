import GantryControl
import GantryCore
import GantryIngest
import GantryMQTT
import GantryTesting
import NIOCore
import Testing

@testable import GantrySimulator

/// The device side of remote control over a real broker: a test client plays the platform, publishing
/// commands and heartbeats on the devices' control topics and reading their reports and echoes.
@Suite(.timeLimit(.minutes(3))) struct DeviceControlBrokerTests {
    static let crane = ControlTopic(enterprise: "jinan-workshop", device: "crane-01-plc", kind: .command)
    static let loco = ControlTopic(enterprise: "qingdao-mine", device: "loco-01-plc", kind: .command)
    static let craneOnline = "\(cranePath)/online"

    /// The platform's side: publishes control messages, reads reports from the rig's inbox.
    struct Platform: Sendable {
        let client: MQTTClient
        let rig: SimulatorRig

        func send(_ command: DeviceCommand, to topic: ControlTopic) async throws {
            try await client.publish(
                to: topic.description, payload: ByteBuffer(bytes: ControlWire.encode(command)), qos: .atLeastOnce)
        }

        /// The reports of `device` received from `start` on, once `done` holds for them.
        func reports(
            of topic: ControlTopic, from start: Int, until done: @escaping @Sendable ([DeviceCommandReport]) -> Bool
        ) async throws -> [DeviceCommandReport] {
            let report = ControlTopic(enterprise: topic.enterprise, device: topic.device, kind: .report).description
            let decode = { @Sendable (messages: [PublishPacket]) -> [DeviceCommandReport] in
                messages.filter { $0.topic == report }.compactMap {
                    try? ControlWire.decode(DeviceCommandReport.self, from: $0.payload.readableBytesView)
                }
            }
            return decode(try await rig.inbox.wait(for: "reports on \(report)", from: start) { done(decode($0)) })
        }

        /// The next `count` values of the crane's tag `name` published from `start` on.
        func craneValues(_ name: String, from start: Int, count: Int) async throws -> [SampleValue] {
            let values = Self.craneValues(
                name,
                in: try await rig.inbox.wait(for: "\(count) of \(cranePath)/\(name)", from: start) {
                    Self.craneValues(name, in: $0).count >= count
                })
            return Array(values.prefix(count))
        }

        /// The value at which the crane's tag `name` comes to rest: the first value published twice in a row
        /// from `start` on. Counting samples instead would race the simulation clock, which runs on while the
        /// command is still on its way.
        func craneRest(_ name: String, from start: Int) async throws -> SampleValue {
            let firstRepeat = { @Sendable (values: [SampleValue]) -> SampleValue? in
                zip(values, values.dropFirst()).first { $0 == $1 }?.0
            }
            let values = Self.craneValues(
                name,
                in: try await rig.inbox.wait(for: "\(cranePath)/\(name) to come to rest", from: start) {
                    firstRepeat(Self.craneValues(name, in: $0)) != nil
                })
            return try #require(firstRepeat(values))
        }

        static func craneValues(_ name: String, in messages: [PublishPacket]) -> [SampleValue] {
            let topic = "\(cranePath)/\(name)"
            return messages.filter { $0.topic == topic }.compactMap {
                try? UnifiedNamespacePayload.sample(
                    topic: $0.topic, payload: $0.payload.readableBytesView, receivedAt: 0
                )
                .point.value
            }
        }
    }

    static func withPlatform(_ body: @escaping @Sendable (Platform) async throws -> Void) async throws {
        try await TestBroker.with { broker in
            try await SimulatorRig.with(port: broker.port) { rig in
                _ = try await rig.inbox.wait(for: "the crane and the locomotive online") { messages in
                    messages.contains { $0.topic == Self.craneOnline && String(buffer: $0.payload).contains("true") }
                        && messages.contains { $0.topic == "spBv1.0/qingdao-mine/NBIRTH/loco-01-plc" }
                }
                let client = try await MQTTClient.connect(
                    port: broker.port, configuration: MQTTClientConfiguration(clientID: "platform"))
                try await body(Platform(client: client, rig: rig))
                await client.disconnect()
            }
        }
    }

    func command(
        _ id: String, _ name: String, _ args: [String: CommandValue] = [:], sequence: Int64, expiresAt: Int64,
        on equipment: AssetPath = cranePath
    ) -> DeviceCommand {
        DeviceCommand(
            id: id, equipment: equipment.description, name: name, args: args, sequence: sequence, expiresAt: expiresAt,
            sentAt: expiresAt - 600_000)
    }

    @Test func anExpiredCommandIsRejectedAndNeverRun() async throws {
        try await Self.withPlatform { platform in
            let rig = platform.rig
            let start = rig.inbox.count
            let late = command("late", "emergency_stop", sequence: 1, expiresAt: rig.clock.now() - 250)
            try await platform.send(late, to: Self.crane)
            let reports = try await platform.reports(of: Self.crane, from: start) { !$0.isEmpty }
            #expect(reports.map(\.status) == [.rejected])
            #expect(reports.first?.reason?.hasPrefix("expired: arrived ") == true, "\(reports)")
            let after = rig.inbox.count
            let stops = try await platform.craneValues("emergency_stop", from: after, count: 3)
            #expect(stops == [.bool(false), .bool(false), .bool(false)])
            #expect(rig.simulator.simulation.withLock { ($0.models[cranePath] as? OverheadCraneModel)?.remote == nil })
        }
    }

    @Test func aValidCommandIsAcceptedThenCompletedAndItsReplayIsRejectedAndNotRunTwice() async throws {
        try await Self.withPlatform { platform in
            let rig = platform.rig
            let expiry = rig.clock.now() + 3_600_000
            // Stop the automatic cycle and hold, so the jog is the only motion.
            var start = rig.inbox.count
            try await platform.send(command("stop", "stop", sequence: 1, expiresAt: expiry), to: Self.crane)
            let stopped = try await platform.reports(of: Self.crane, from: start) { $0.count >= 2 }
            #expect(stopped.map(\.status) == [.accepted, .completed])
            // Once stopped, the bridge brakes to a stand and holds there.
            let rest = try await platform.craneRest("bridge_position", from: rig.inbox.count)
            guard case .double(let before) = rest else {
                Issue.record("bridge_position is \(rest)")
                return
            }
            let distance: Double = before < 50 ? 2 : -2
            let jog = command(
                "jog", "jog", ["axis": .text("x"), "distance": .number(distance)], sequence: 2, expiresAt: expiry)
            start = rig.inbox.count
            try await platform.send(jog, to: Self.crane)
            let done = try await platform.reports(of: Self.crane, from: start) { $0.count >= 2 }
            #expect(done.map(\.status) == [.accepted, .completed])
            #expect(done.allSatisfy { $0.id == "jog" && $0.sequence == 2 })

            start = rig.inbox.count
            try await platform.send(jog, to: Self.crane)
            let replay = try await platform.reports(of: Self.crane, from: start) { !$0.isEmpty }
            #expect(replay.map(\.status) == [.rejected])
            #expect(replay.first?.reason == "out of sequence: sequence 2 is not above 2, the last accepted")
            let positions = try await platform.craneValues("bridge_position", from: start, count: 4)
            for position in positions {
                guard case .double(let value) = position else {
                    Issue.record("bridge_position is \(position)")
                    continue
                }
                #expect(abs(value - (before + distance)) < 0.011, "moved by the jog once")
            }
        }
    }

    @Test func aHeartbeatIsEchoedAndTheSparkplugLocomotiveTakesCommandsToo() async throws {
        try await Self.withPlatform { platform in
            let rig = platform.rig
            let start = rig.inbox.count
            let now = rig.clock.now()
            let beat = TeleoperationHeartbeat(session: "s1", equipment: cranePath.description, beat: 7, sentAt: now)
            let heartbeat = ControlTopic(enterprise: "jinan-workshop", device: "crane-01-plc", kind: .heartbeat)
            try await platform.client.publish(
                to: heartbeat.description, payload: ByteBuffer(bytes: ControlWire.encode(beat)))
            let echoTopic = ControlTopic(enterprise: "jinan-workshop", device: "crane-01-plc", kind: .heartbeatEcho)
            let echoes = try await rig.inbox.wait(for: "the echo", from: start) { messages in
                messages.contains { $0.topic == echoTopic.description }
            }
            let echo = try ControlWire.decode(
                TeleoperationHeartbeat.self,
                from: try #require(echoes.first { $0.topic == echoTopic.description }).payload.readableBytesView)
            #expect(echo.session == "s1" && echo.beat == 7 && echo.sentAt == now)
            #expect((echo.echoedAt ?? 0) >= now)

            let lights = command(
                "lights", "lights", ["on": .bool(true)], sequence: 1, expiresAt: now + 600_000, on: locomotivePath)
            try await platform.send(lights, to: Self.loco)
            let reports = try await platform.reports(of: Self.loco, from: start) { $0.count >= 2 }
            #expect(reports.map(\.status) == [.accepted, .completed])
        }
    }
}
