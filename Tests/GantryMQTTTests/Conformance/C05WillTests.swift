import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 5: will messages (§3.1.2.5–3.1.2.7, §3.1.3.2–3.1.3.4, §3.14.4), byte for byte.
///
/// A watcher subscribed to `w/#` sees whether a will went out; the will payload is `gone`.
@Suite struct C05WillTests {
    static let gone = Wire.Will(topic: "w/1", payload: "gone")

    static func will(_ version: ProtocolVersion) -> String {
        version == .v5 ? "30 0a 00 03 77 2f 31 00 67 6f 6e 65" : "30 09 00 03 77 2f 31 67 6f 6e 65"
    }

    @Test(arguments: ProtocolVersion.allCases)
    func willIsPublishedWhenTheConnectionDropsWithoutDisconnect(_ version: ProtocolVersion) async throws {
        // 3.1.1 / 5.0 [MQTT-3.1.2-8]: the network connection closes without DISCONNECT.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, version, id: "c05-drop-watch", filter: "w/#", qos: 0)
            let client = try await connected(broker, version, id: "c05-drop", will: Self.gone)
            await client.drop()
            #expect(try await watcher.receive(Self.will(version)) == Self.will(version))
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func willIsDiscardedOnDisconnect(_ version: ProtocolVersion) async throws {
        // 3.1.1 [MQTT-3.1.2-10] / 5.0 [MQTT-3.14.4-3]: DISCONNECT (reason 0x00) deletes the will.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, version, id: "c05-bye-watch", filter: "w/#", qos: 0)
            let client = try await connected(broker, version, id: "c05-bye", will: Self.gone)
            try await client.send("e0 00")
            #expect(try await client.closedByBroker() == (true, ""))
            #expect(try await watcher.unread(settle: .milliseconds(300)) == "")
        }
    }

    @Test func disconnectWithWillMessagePublishesTheWill() async throws {
        // 5.0 §3.14.2.1: DISCONNECT with reason code 0x04 asks the server to publish the will.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "c05-04-watch", filter: "w/#", qos: 0)
            let client = try await connected(broker, .v5, id: "c05-04", will: Self.gone)
            try await client.send("e0 01 04")
            #expect(try await watcher.receive(Self.will(.v5)) == Self.will(.v5))
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func willQoSAndRetainAreThoseOfTheConnectFlags(_ version: ProtocolVersion) async throws {
        // 3.1.1 [MQTT-3.1.2-14], [MQTT-3.1.2-17] / 5.0 [MQTT-3.1.2-12], [MQTT-3.1.2-15]: a QoS 1 retained will
        // reaches the watcher (granted QoS 2) at QoS 1 with RETAIN 0 as a live delivery, and a later
        // subscriber as a retained message.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, version, id: "c05-flags-watch", filter: "w/#", qos: 2)
            let will = Wire.Will(topic: "w/4", payload: "gone", qos: 1, retain: true)
            let client = try await connected(broker, version, id: "c05-flags", will: will)
            await client.drop()
            let live =
                version == .v5 ? "32 0c 00 03 77 2f 34 00 01 00 67 6f 6e 65" : "32 0b 00 03 77 2f 34 00 01 67 6f 6e 65"
            #expect(try await watcher.receive(live) == live)
            let late = try await subscribed(broker, version, id: "c05-flags-late", filter: "w/4", qos: 1)
            let retained =
                version == .v5 ? "33 0c 00 03 77 2f 34 00 01 00 67 6f 6e 65" : "33 0b 00 03 77 2f 34 00 01 67 6f 6e 65"
            #expect(try await late.receive(retained) == retained)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func willFlagsWithoutAWillOrWithQoS3AreMalformed(_ version: ProtocolVersion) async throws {
        // 3.1.1 [MQTT-3.1.2-15] / 5.0 [MQTT-3.1.2-13] no Will Retain without Will Flag; 3.1.1 [MQTT-3.1.2-14] /
        // 5.0 [MQTT-3.1.2-12] Will QoS 3 is not allowed. The server closes without CONNACK.
        try await TestBroker.with { broker in
            var retainOnly = RawMQTTConnection.bytes(Wire.connect(version, id: "c05-bad"))
            retainOnly[9] |= 0x20
            let qos3 = RawMQTTConnection.bytes(
                Wire.connect(version, id: "c05-bad", will: Wire.Will(topic: "w/1", payload: "gone", qos: 3)))
            for connect in [retainOnly, qos3] {
                let client = try await RawMQTTConnection.connect(port: broker.port)
                try await client.send(bytes: connect)
                #expect(try await client.closedByBroker() == (true, ""))
            }
        }
    }

    @Test func willTopicWithAWildcardIsRefusedIn5() async throws {
        // 5.0 [MQTT-4.7.0-1] / Table 3-1: CONNACK 0x90 (Topic Name invalid), then the close [MQTT-3.2.2-7];
        // with a Maximum Packet Size of 16 the reason string is left out [MQTT-3.2.2-19].
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            let will = Wire.Will(topic: "w/#", payload: "gone")
            try await client.send(Wire.connect(.v5, id: "c05-topic", properties: "27 00 00 00 10", will: will))
            #expect(try await client.receive("20 03 00 90 00") == "20 03 00 90 00")
            #expect(try await client.closedByBroker() == (true, ""))
        }
    }

    @Test func willTopicWithAWildcardIsRefusedIn311() async throws {
        // 3.1.1 has no return code for a bad will topic; Gantry answers 0x05 (not authorized) and
        // closes [MQTT-3.2.2-5].
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send(Wire.connect(.v311, id: "c05-topic", will: Wire.Will(topic: "w/+", payload: "gone")))
            #expect(try await client.receive("20 02 00 05") == "20 02 00 05")
            #expect(try await client.closedByBroker() == (true, ""))
        }
    }
}
