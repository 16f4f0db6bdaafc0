import Foundation
import GantryMQTT
import GantryServer
import GantrySparkplug
import GantryTesting
import NIOCore
import Testing

/// Sparkplug B through an external broker: the host node's plain subscription, the node → device mapping by
/// topic, STATE online/offline, and rebirth requests published through the bridge's connection.
@Suite(.timeLimit(.minutes(2)))
struct ExternalBrokerSparkplugTests {
    static let node = SparkplugEdgeNodeID(group: "acme", node: "press-7-plc")
    static let asset = ExternalBrokerFixture.asset

    @Test func edgeNodeAtTheExternalBrokerWritesItsDevicesAsset() async throws {
        try await MosquittoBroker.with { mosquitto in
            try await ExternalBrokerFixture.with(mosquitto) { fixture in
                let device = try await fixture.client.send(
                    .post, "/api/v1/devices", token: fixture.token,
                    json: #"{"name":"press-7-plc","assetPath":"\#(Self.asset)"}"#)
                #expect(device.status == .created)
                let watcher = try await fixture.mqttClient("watcher")
                // A second node without the host role, in the same share group: it must take no Sparkplug message.
                let other = try fixture.bridge("gantry-b", hostsSparkplug: false)
                try await fixture.running([try fixture.bridge("gantry-a"), other]) {
                    _ = try await watcher.subscribe(to: "spBv1.0/STATE/gantry", qos: .atLeastOnce)
                    let online = try await next(from: watcher)
                    #expect(online.map { String(buffer: $0.payload) }?.contains(#""online":true"#) == true)
                    // Once the broker has it, a later subscriber gets it as a retained message.
                    let late = try await fixture.mqttClient("late-watcher")
                    _ = try await late.subscribe(to: "spBv1.0/STATE/gantry", qos: .atLeastOnce)
                    let retained = try await next(from: late)
                    #expect(retained?.retain == true, "STATE is retained")
                    #expect(retained.map { String(buffer: $0.payload) }?.contains(#""online":true"#) == true)
                    await late.disconnect()

                    let edge = try await fixture.mqttClient("press-7-plc")
                    _ = try await edge.subscribe(to: "spBv1.0/acme/NCMD/press-7-plc", qos: .atLeastOnce)
                    var node = SparkplugEdgeNode(id: Self.node)
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    try await send(
                        node.nodeBirth(
                            metrics: [
                                SparkplugMetric(name: "Temperature", alias: 1, value: .double(20.5)),
                                SparkplugMetric(name: "Motor/Running", alias: 2, value: .boolean(true)),
                            ], timestamp: now), on: edge)
                    for step in 1...5 {
                        try await send(
                            node.nodeData(
                                metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(20.5 + Double(step)))],
                                timestamp: now + Int64(step)), on: edge)
                    }
                    // An edge node with no registered device is ignored; its messages do not hold up the others.
                    var ghost = SparkplugEdgeNode(id: SparkplugEdgeNodeID(group: "acme", node: "ghost"))
                    try await send(
                        ghost.nodeBirth(
                            metrics: [SparkplugMetric(name: "Temperature", alias: 1, value: .double(1))], timestamp: now
                        ),
                        on: edge)
                    let temperature = try await fixture.waitForPoints(Self.asset + "/temperature", count: 6)
                    #expect(temperature.compactMap { $0["value"] as? Double } == [20.5, 21.5, 22.5, 23.5, 24.5, 25.5])
                    #expect(try await fixture.points(Self.asset + "/motor_running").count == 1)
                    #expect(other.deliveredMessages == 0, "Sparkplug goes to the host node only")

                    // A seq gap: the host asks for a rebirth, through the external broker.
                    _ = node.nodeData(
                        metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(30))], timestamp: now + 10)
                    try await send(
                        node.nodeData(
                            metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(31))], timestamp: now + 11),
                        on: edge)
                    let command = try await next(from: edge)
                    #expect(
                        command.map {
                            node.isRebirthCommand(topic: $0.topic, payload: Array($0.payload.readableBytesView))
                        }
                            == true, "NCMD Node Control/Rebirth")
                    await edge.disconnect()
                }
                // The host went offline cleanly: its retained STATE says so.
                let offline = try await next(from: watcher)
                #expect(offline.map { String(buffer: $0.payload) }?.contains(#""online":false"#) == true)
                await watcher.disconnect()
            }
        }
    }

    private func send(_ message: SparkplugOutgoingMessage, on client: MQTTClient) async throws {
        let code = try await client.publish(
            to: message.topic, payload: ByteBuffer(bytes: message.payload), qos: .atLeastOnce)
        #expect(code == .success)
    }

    /// The next message on `client`, waiting at most 10 s.
    private func next(from client: MQTTClient) async throws -> PublishPacket? {
        try await withThrowingTaskGroup(of: PublishPacket?.self) { tasks in
            tasks.addTask {
                var messages = client.messages.makeAsyncIterator()
                return await messages.next()
            }
            tasks.addTask {
                try await Task.sleep(for: .seconds(10))
                return nil
            }
            defer { tasks.cancelAll() }
            return try await tasks.next() ?? nil
        }
    }
}
