import Foundation
import GantryMQTT
import GantryServer
import GantryTesting
import NIOCore
import Testing

/// External broker mode against a real Mosquitto: Gantry subscribes instead of listening, nodes share the
/// load, the session queues what is published while a node is away, and a lost broker is found again.
@Suite(.timeLimit(.minutes(2)))
struct ExternalBrokerTests {
    static let tag = ExternalBrokerFixture.asset + "/temperature"

    @Test func publishedValueIsStoredAndReadableOverHTTP() async throws {
        try await MosquittoBroker.with { mosquitto in
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                // Gantry does not listen itself in this mode.
                #expect(fixture.platform.makeMQTTListener(port: 0) == nil)
                #expect(fixture.platform.makeMQTTWebSocketListener(port: 0) == nil)
                try await fixture.running([try fixture.bridge("gantry-a")]) {
                    let device = try await fixture.mqttClient("press-7-plc")
                    // Refused, but acknowledged: a bad payload, and a tag under an asset that does not exist.
                    try await device.publish(
                        to: Self.tag, payload: ByteBuffer(string: "{oops"), qos: .atLeastOnce)
                    #expect(try await publishValue(device, "acme/plant9/press-1/temperature", 1) == .success)
                    #expect(try await publishValue(device, Self.tag, 21.5) == .success)
                    let points = try await fixture.waitForPoints(Self.tag, count: 1)
                    #expect(points.map { $0["value"] as? Double } == [21.5], "the tag is created under its asset")
                    let unknown = try await fixture.client.send(
                        .get, "/api/v1/telemetry/latest?tag=acme/plant9/press-1/temperature", token: fixture.token)
                    #expect(unknown.status == .notFound, "no tag, and no asset, is created outside the plant model")
                    await device.disconnect()
                }
            }
        }
    }

    @Test func twoNodesShareTheLoadAndStoreEachMessageOnce() async throws {
        try await MosquittoBroker.with { mosquitto in
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                // Neither hosts Sparkplug, so each counts unified-namespace messages only (a host hears its own STATE).
                let first = try fixture.bridge("gantry-a", hostsSparkplug: false)
                let second = try fixture.bridge("gantry-b", hostsSparkplug: false)
                try await fixture.running([first, second]) {
                    let device = try await fixture.mqttClient("press-7-plc")
                    let base = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
                    let count = 40
                    for index in 0..<count {
                        try await publishValue(device, Self.tag, Double(index), at: base + Int64(index))
                    }
                    let points = try await fixture.waitForPoints(Self.tag, count: count)
                    #expect(points.compactMap { $0["value"] as? Double } == (0..<count).map(Double.init))
                    #expect(
                        first.deliveredMessages + second.deliveredMessages == count, "each message reached one node")
                    #expect(first.deliveredMessages > 0 && second.deliveredMessages > 0, "both nodes took a share")
                    await device.disconnect()
                }
            }
        }
    }

    @Test func messagesPublishedWhileTheNodeIsAwayArriveWhenItIsBack() async throws {
        try await MosquittoBroker.with { mosquitto in
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                // The first run makes the persistent session and its shared subscription at the broker.
                try await fixture.running([try fixture.bridge("gantry-a")]) {}
                let device = try await fixture.mqttClient("press-7-plc")
                let base = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
                for index in 0..<10 {
                    #expect(
                        try await publishValue(device, Self.tag, Double(index), at: base + Int64(index)) == .success)
                }
                #expect(try await fixture.points(Self.tag).isEmpty, "nobody took them yet")
                let again = try fixture.bridge("gantry-a")
                try await fixture.running([again]) {
                    let points = try await fixture.waitForPoints(Self.tag, count: 10)
                    #expect(points.compactMap { $0["value"] as? Double } == (0..<10).map(Double.init))
                }
                await device.disconnect()
            }
        }
    }

    @Test func messageTakenButNotYetDurableIsDeliveredAgainToTheNextStart() async throws {
        try await MosquittoBroker.with { mosquitto in
            // Node "node-x" takes a message, but its ingest is not running: the sample never becomes durable,
            // so no PUBACK goes out before the node goes away (as in a crash before the fsync).
            try await TestPlatform.withPlatform(configure: { $0.mqttBroker = "mqtt://127.0.0.1:\(mosquitto.port)" }) {
                crashed in
                let bridge = try #require(
                    try crashed.makeExternalBrokerBridge(clientID: "node-x", hostsSparkplug: false))
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { await bridge.run() }
                    defer { tasks.cancelAll() }
                    try #require(await eventually { bridge.isConnected })
                    let device = try await MQTTClient.connect(
                        port: mosquitto.port, configuration: MQTTClientConfiguration(clientID: "press-7-plc"))
                    try await publishValue(device, Self.tag, 99.5)
                    try #require(await eventually { bridge.deliveredMessages == 1 })
                    await device.disconnect()
                }
                // Let the stopped node's ingest settle what it was given (its PUBACK has nowhere to go now).
                await withTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try? await crashed.ingest.run() }
                    tasks.cancelAll()
                }
            }
            // The same node starts again (a fresh data directory, as a replacement would): the broker delivers
            // the unacknowledged message again.
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                try await fixture.running([try fixture.bridge("node-x", hostsSparkplug: false)]) {
                    let points = try await fixture.waitForPoints(Self.tag, count: 1)
                    #expect(points.map { $0["value"] as? Double } == [99.5])
                }
            }
        }
    }

    @Test func bridgeReconnectsWhenTheBrokerRestarts() async throws {
        try await MosquittoBroker.with { mosquitto in
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                let bridge = try fixture.bridge("gantry-a")
                try await fixture.running([bridge]) {
                    #expect(bridge.connections == 1)
                    mosquitto.stop()
                    try await mosquitto.start()
                    #expect(try await eventually { bridge.connections == 2 }, "the bridge reconnects")
                    let device = try await fixture.mqttClient("press-7-plc")
                    try await publishValue(device, Self.tag, 7.5)
                    let points = try await fixture.waitForPoints(Self.tag, count: 1)
                    #expect(points.map { $0["value"] as? Double } == [7.5])
                    await device.disconnect()
                }
            }
        }
    }

    @Test func bridgeWaitsForABrokerThatIsNotThereYet() async throws {
        try await MosquittoBroker.with(started: false) { mosquitto in
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                let bridge = try fixture.bridge("gantry-a")
                try await fixture.running([bridge], waitForConnection: false) {
                    #expect(!bridge.isConnected)
                    try await mosquitto.start()
                    #expect(try await eventually { bridge.isConnected }, "the bridge connects once the broker is up")
                    let device = try await fixture.mqttClient("press-7-plc")
                    try await publishValue(device, Self.tag, 3.25)
                    let points = try await fixture.waitForPoints(Self.tag, count: 1)
                    #expect(points.map { $0["value"] as? Double } == [3.25])
                    await device.disconnect()
                }
            }
        }
    }
}
