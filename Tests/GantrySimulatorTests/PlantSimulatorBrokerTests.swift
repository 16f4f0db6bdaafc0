import GantryCore
import GantryIngest
import GantryMQTT
import GantrySparkplug
import GantryTesting
import NIOCore
import Testing

@testable import GantrySimulator

/// The simulator against real brokers: what a subscriber sees is what Gantry's ingest reads.
@Suite(.timeLimit(.minutes(3))) struct PlantSimulatorBrokerTests {
    static let nbirth = "spBv1.0/qingdao-mine/NBIRTH/loco-01-plc"
    static let ndata = "spBv1.0/qingdao-mine/NDATA/loco-01-plc"
    static let ndeath = "spBv1.0/qingdao-mine/NDEATH/loco-01-plc"
    static let cncOnline = "jinan-workshop/machining/line-1/cnc-01/online"

    enum Broker: String, CaseIterable, Sendable {
        case gantry, mosquitto
    }

    /// Runs `body` with the standard plant simulated against a fresh broker of `kind`.
    func withRig(
        _ kind: Broker, _ body: @escaping @Sendable (SimulatorRig) async throws -> Void
    ) async throws {
        switch kind {
        case .gantry: try await TestBroker.with { broker in try await SimulatorRig.with(port: broker.port, body) }
        case .mosquitto:
            try await MosquittoBroker.with { broker in try await SimulatorRig.with(port: broker.port, body) }
        }
    }

    static func payload(_ message: PublishPacket) throws -> SparkplugPayload {
        try SparkplugPayload(bytes: Array(message.payload.readableBytesView))
    }

    @Test(arguments: Broker.allCases)
    func jsonSamplesParseAsGantryReadsThemOnTheRightTopics(broker: Broker) async throws {
        try await withRig(broker) { rig in
            let plant = SimulatedPlant.standard
            let jsonTags = Set(
                plant.devices.filter { $0.transport == .json }.flatMap { device in
                    device.assets.flatMap { plant.asset($0)!.tagPaths.map(\.description) }
                })
            let seen = try await rig.inbox.wait(for: "a sample of every JSON tag") { messages in
                jsonTags.isSubset(of: Set(messages.map(\.topic)))
            }
            for message in seen where !message.topic.hasPrefix("spBv1.0/") {
                let text = String(buffer: message.payload)
                let sample = try UnifiedNamespacePayload.sample(
                    topic: message.topic, payload: message.payload.readableBytesView, receivedAt: 0)
                let tag = try #require(plant.tag(sample.tag), "\(message.topic) is not a tag of the plant")
                if tag.name == SimulatedDevice.onlineTagName {
                    #expect(sample.point.value == .bool(true), "\(text)")
                    continue
                }
                #expect(message.qos == .atLeastOnce)
                #expect(sample.point.timestamp >= morning && sample.point.timestamp <= rig.clock.now(), "\(text)")
                #expect(IngestTypeCheck.fits(sample.point.value, tag.dataType), "\(message.topic): \(text)")
            }
        }
    }

    @Test(arguments: Broker.allCases)
    func theLocomotiveBirthsThenSendsDataByAliasWithRisingSequence(broker: Broker) async throws {
        try await withRig(broker) { rig in
            let seen = try await rig.inbox.wait(for: "an NBIRTH and five NDATA") { messages in
                messages.filter { $0.topic == Self.ndata }.count >= 5
            }
            let birth = try Self.payload(try #require(seen.first { $0.topic == Self.nbirth }))
            #expect(birth.seq == 0)
            let names = birth.metrics.map(\.name)
            #expect(names.prefix(2) == ["bdSeq", "Node Control/Rebirth"])
            let loco = SimulatedPlant.standard.asset(try AssetPath("qingdao-mine/underground/haulage/loco-01"))!
            #expect(Array(names.dropFirst(2)) == loco.tags.map(\.name))
            #expect(birth.metrics.first { $0.name == "bdSeq" }?.longValue == 0)
            let data = try seen.filter { $0.topic == Self.ndata }.map(Self.payload)
            #expect(data.map(\.seq) == Array(1...UInt64(data.count)))
            for payload in data {
                #expect(payload.metrics.allSatisfy { $0.hasAlias && !$0.hasName })
                #expect(payload.metrics.count == loco.tags.count)
            }
            let aliases = Dictionary(uniqueKeysWithValues: birth.metrics.filter(\.hasAlias).map { ($0.alias, $0) })
            let position = try #require(data.last?.metrics.first { aliases[$0.alias]?.name == "position" })
            let decoded = try SparkplugMetric(decoding: position, declaredType: .double)
            guard case .double(let metres)? = decoded.value else {
                Issue.record("position is not a double: \(decoded)")
                return
            }
            #expect((0...2000).contains(metres))
        }
    }

    @Test(arguments: Broker.allCases)
    func linkLossFiresTheWillsStopsPublishingAndClearingReconnects(broker: Broker) async throws {
        try await withRig(broker) { rig in
            _ = try await rig.inbox.wait(for: "both devices online") { messages in
                messages.contains { $0.topic == Self.nbirth } && messages.contains { $0.topic == Self.cncOnline }
            }
            try rig.simulator.inject(.linkLoss(device: "loco-01-plc"))
            try rig.simulator.inject(.linkLoss(device: "cnc-01-plc"))
            let start = rig.inbox.count
            let wills = try await rig.inbox.wait(for: "NDEATH and online = false", from: start) { messages in
                messages.contains { $0.topic == Self.ndeath }
                    && messages.contains { $0.topic == Self.cncOnline && String(buffer: $0.payload) == "false" }
            }
            let death = try Self.payload(try #require(wills.first { $0.topic == Self.ndeath }))
            #expect(death.metrics.first { $0.name == "bdSeq" }?.longValue == 0)
            // Ten seconds of plant time later, neither device has published again.
            let quiet = rig.inbox.count
            let resume = rig.clock.now() + 10_000
            while rig.clock.now() < resume { try await Task.sleep(for: .milliseconds(20)) }
            let after = try await rig.inbox.wait(for: "other devices' samples", from: quiet) { $0.count > 20 }
            #expect(!after.contains { $0.topic.hasPrefix("jinan-workshop/machining/line-1/cnc-01/") })
            #expect(!after.contains { $0.topic.contains("/loco-01-plc") })

            try rig.simulator.clear(.linkLoss(device: "loco-01-plc"))
            try rig.simulator.clear(.linkLoss(device: "cnc-01-plc"))
            let back = rig.inbox.count
            let reborn = try await rig.inbox.wait(for: "a new NBIRTH and online = true", from: back) { messages in
                messages.contains { $0.topic == Self.nbirth }
                    && messages.contains { $0.topic == Self.cncOnline && String(buffer: $0.payload).contains("true") }
            }
            let birth = try Self.payload(try #require(reborn.first { $0.topic == Self.nbirth }))
            #expect(birth.metrics.first { $0.name == "bdSeq" }?.longValue == 1)
            #expect(rig.simulator.statistics.connections >= SimulatedPlant.standard.devices.count + 2)
        }
    }

    @Test func aRebirthRequestGetsANewBirthOnTheSameConnection() async throws {
        try await TestBroker.with { broker in
            try await SimulatorRig.with(port: broker.port) { rig in
                _ = try await rig.inbox.wait(for: "the first NDATA") { $0.contains { $0.topic == Self.ndata } }
                let host = try await MQTTClient.connect(port: broker.port, configuration: .init(clientID: "host"))
                let command = SparkplugHostStateMachine.rebirthCommand(
                    to: SparkplugEdgeNodeID(group: "qingdao-mine", node: "loco-01-plc"), at: rig.clock.now())
                let start = rig.inbox.count
                try await host.publish(to: command.topic, payload: ByteBuffer(bytes: command.payload))
                let after = try await rig.inbox.wait(for: "a second NBIRTH", from: start) { messages in
                    messages.contains { $0.topic == Self.nbirth }
                }
                let birth = try Self.payload(try #require(after.first { $0.topic == Self.nbirth }))
                #expect(birth.seq == 0)
                #expect(birth.metrics.first { $0.name == "bdSeq" }?.longValue == 0)
                await host.disconnect()
            }
        }
    }

    @Test func devicesReconnectWhenTheBrokerComesBack() async throws {
        try await MosquittoBroker.with { broker in
            try await SimulatorRig.with(port: broker.port) { rig in
                _ = try await rig.inbox.wait(for: "the first NDATA") { $0.contains { $0.topic == Self.ndata } }
                let connections = rig.simulator.statistics.connections
                broker.stop()
                try await broker.start()
                // The watcher lost its connection too; a fresh one sees the devices come back.
                let watcher = try await MQTTClient.connect(
                    port: broker.port, configuration: .init(clientID: "watcher-2"))
                _ = try await watcher.subscribe(to: "spBv1.0/#")
                // The node may have reborn before this watcher subscribed: ask it again (it answers once back).
                let command = SparkplugHostStateMachine.rebirthCommand(
                    to: SparkplugEdgeNodeID(group: "qingdao-mine", node: "loco-01-plc"), at: rig.clock.now())
                try await watcher.publish(to: command.topic, payload: ByteBuffer(bytes: command.payload))
                let births = try await withDeadline("an NBIRTH after the restart") {
                    for await message in watcher.messages where message.topic == Self.nbirth { return message }
                    throw TestSetupError("the second watcher was disconnected")
                }
                let bdSeq = try Self.payload(births).metrics.first { $0.name == "bdSeq" }?.longValue
                #expect((bdSeq ?? 0) >= 1)
                #expect(rig.simulator.statistics.connections > connections)
                await watcher.disconnect()
            }
        }
    }
}

/// Gantry's rule for which values a tag of each type takes (a whole number may feed an int tag).
enum IngestTypeCheck {
    static func fits(_ value: SampleValue, _ type: TagDataType) -> Bool {
        switch (value, type) {
        case (.double(let number), .int): number.rounded() == number
        case (.double, .double), (.bool, .bool), (.string, .string), (.int, .int), (.int, .double): true
        default: false
        }
    }
}
