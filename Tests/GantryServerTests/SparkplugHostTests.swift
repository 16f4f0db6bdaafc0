import Foundation
import GantryMQTT
import GantryServer
import GantrySparkplug
import GantryTesting
import HummingbirdTesting
import NIOCore
import Testing

/// A simulated Sparkplug B edge node against the whole platform: birth, data, rebirth, death.
@Suite struct SparkplugHostTests {
    static let node = SparkplugEdgeNodeID(group: "acme", node: "press-7-plc")

    @Test func edgeNodeGoesThroughBirthDataRebirthAndDeath() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                for path in ["acme", "acme/plant1", "acme/plant1/press-7"] {
                    _ = try await client.send(
                        .post, "/api/v1/assets", token: token, json: #"{"path":"\#(path)","name":"x"}"#)
                }
                let device = try await client.send(
                    .post, "/api/v1/devices", token: token,
                    json: #"{"name":"press-7-plc","assetPath":"acme/plant1/press-7"}"#)
                let password = try #require(try device.json()["password"] as? String)
                let latest = { (tag: String) async throws -> String in
                    try await client.send(.get, "/api/v1/telemetry/latest?tag=acme/plant1/press-7/\(tag)", token: token)
                        .text
                }

                try await TestPlatform.withMQTT(platform) { port in
                    var edge = SparkplugEdgeNode(id: Self.node)
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    let death = edge.nodeDeath(timestamp: now)
                    let plc = try await RawMQTTConnection.connect(port: port)
                    try await plc.send(
                        .connect(
                            ConnectPacket(
                                version: .v5, clientID: "press-7-plc", username: "acme.press-7-plc",
                                password: Array(password.utf8),
                                will: .init(
                                    topic: death.topic, payload: ByteBuffer(bytes: death.payload), qos: .atLeastOnce))),
                        version: .v5)
                    guard case .connack(let connack)? = try await plc.receivePacket(version: .v5) else {
                        Issue.record("no CONNACK")
                        return
                    }
                    #expect(connack.reasonCode == .success)
                    try await plc.send(
                        .subscribe(
                            SubscribePacket(
                                packetID: 1,
                                requests: [
                                    .init(
                                        filter: "spBv1.0/acme/NCMD/press-7-plc",
                                        options: SubscriptionOptions(qos: .atLeastOnce)),
                                    .init(
                                        filter: "spBv1.0/STATE/gantry", options: SubscriptionOptions(qos: .atLeastOnce)),
                                ])), version: .v5)
                    var state: PublishPacket?
                    for _ in 0..<2 {
                        switch try await plc.receivePacket(version: .v5) {
                        case .suback(let suback)?: #expect(suback.reasonCodes.map(\.rawValue) == [1, 1])
                        case .publish(let publish)?: state = publish
                        default: Issue.record("expected SUBACK and the retained STATE")
                        }
                    }
                    // The host's STATE is retained and says online [tck-id-host-topic-phid-birth-payload].
                    let stateText = state.map { String(buffer: $0.payload) } ?? ""
                    #expect(stateText.contains(#""online":true"#), "\(stateText)")

                    // Birth with two metrics, then data by alias; QoS 1 here so the PUBACK says the sample is durable.
                    let birth = edge.nodeBirth(
                        metrics: [
                            SparkplugMetric(name: "Temperature", alias: 1, value: .double(20.5)),
                            SparkplugMetric(name: "Motor/Running", alias: 2, value: .boolean(true)),
                        ], timestamp: now)
                    try await publish(birth, on: plc, id: 10)
                    let data = edge.nodeData(
                        metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(22.5))], timestamp: now + 1)
                    try await publish(data, on: plc, id: 11)
                    #expect(try await latest("temperature").contains("22.5"))
                    #expect(try await latest("motor_running").contains("true"))

                    // A lost message (seq gap) makes the host ask for a rebirth with NCMD Node Control/Rebirth.
                    _ = edge.nodeData(
                        metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(23))], timestamp: now + 2)
                    let afterGap = edge.nodeData(
                        metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(24))], timestamp: now + 3)
                    try await publish(afterGap, on: plc, id: 12, expectAck: false)
                    var sawRebirth = false
                    var sawAck = false
                    for _ in 0..<3 where !(sawRebirth && sawAck) {
                        switch try await plc.receivePacket(version: .v5) {
                        case .publish(let command)?:
                            sawRebirth = edge.isRebirthCommand(
                                topic: command.topic, payload: Array(command.payload.readableBytesView))
                            if let id = command.packetID {
                                try await plc.send(.puback(PublishAcknowledgement(packetID: id)), version: .v5)
                            }
                        case .puback(let ack)?: sawAck = ack.packetID == 12
                        default: break
                        }
                    }
                    #expect(sawRebirth, "the host must request a rebirth after a seq gap")

                    // The node rebirths; data flows again.
                    let rebirth = edge.nodeBirth(
                        metrics: [
                            SparkplugMetric(name: "Temperature", alias: 1, value: .double(25)),
                            SparkplugMetric(name: "Motor/Running", alias: 2, value: .boolean(true)),
                        ], timestamp: now + 4)
                    try await publish(rebirth, on: plc, id: 13)
                    #expect(try await latest("temperature").contains("25"))

                    // The connection drops: the broker publishes the NDEATH will, the host marks values stale.
                    await plc.drop()
                    var stale = ""
                    for _ in 0..<100 {
                        stale = try await latest("temperature")
                        if stale.contains("bad") { break }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    #expect(stale.contains("bad"), "\(stale)")
                    #expect(stale.contains("25"), "the stale point keeps the last value: \(stale)")
                }
            }
        }
    }

    private func publish(
        _ message: SparkplugOutgoingMessage, on connection: RawMQTTConnection, id: UInt16, expectAck: Bool = true
    )
        async throws
    {
        try await connection.send(
            .publish(
                PublishPacket(
                    topic: message.topic, payload: ByteBuffer(bytes: message.payload), qos: .atLeastOnce, packetID: id)),
            version: .v5)
        guard expectAck else { return }
        let ack = try await connection.receivePacket(version: .v5)
        #expect(ack == .puback(PublishAcknowledgement(packetID: id)), "\(String(describing: ack))")
    }
}
