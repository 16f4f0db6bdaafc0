import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 6: sessions (§3.1.2.4, §3.1.2.11.2, §3.2.2.1.1, §4.1, §4.4), byte for byte.
///
/// A 3.1.1 session outlives its connection when Clean Session is 0; a 5.0 session needs a Session
/// Expiry Interval as well (here 60 s, `11 00 00 00 3c`).
@Suite struct C06SessionTests {
    static func keep(_ version: ProtocolVersion) -> String { version == .v5 ? "11 00 00 00 3c" : "" }

    /// A client with a kept session subscribed to `filter`, its CONNACK and SUBACK checked.
    static func persistent(
        _ broker: TestBroker, _ version: ProtocolVersion, id: String, filter: String, qos: UInt8
    ) async throws -> RawMQTTConnection {
        let client = try await connected(broker, version, id: id, cleanStart: false, properties: keep(version))
        try await client.send(Wire.subscribe(version, filter: filter, qos: qos))
        #expect(try await client.receive(Wire.suback(version, code: qos)) == Wire.suback(version, code: qos))
        return client
    }

    @Test(arguments: ProtocolVersion.allCases)
    func cleanStartDiscardsTheSession(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-3.1.2-4] / 3.1.1 [MQTT-3.1.2-6] a clean start discards the session and its
        // subscription; 5.0 [MQTT-3.2.2-2] / 3.1.1 [MQTT-3.2.2-1] Session Present 0.
        try await TestBroker.with { broker in
            let client = try await Self.persistent(broker, version, id: "c06-clean", filter: "x/1", qos: 1)
            try await client.send("e0 00")
            #expect(try await client.closedByBroker().closed)
            let again = try await connected(broker, version, id: "c06-clean")
            let publisher = try await connected(broker, version, id: "c06-clean-pub")
            try await publisher.send(Wire.publish(version, topic: "x/1", payload: "hi", qos: 1, packetID: 1))
            #expect(try await publisher.receive("40 02 00 01") == "40 02 00 01")
            #expect(try await again.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func keptSessionQueuesQoS1And2WhileTheClientIsAway(_ version: ProtocolVersion) async throws {
        // 3.1.1 [MQTT-3.1.2-4], [MQTT-3.1.2-5] / 5.0 [MQTT-3.1.2-5], [MQTT-3.1.2-23]: the subscription
        // stays and QoS 1 and 2 messages wait; 3.1.1 [MQTT-3.2.2-2] / 5.0 [MQTT-3.2.2-3] Session Present 1.
        try await TestBroker.with { broker in
            let client = try await Self.persistent(broker, version, id: "c06-queue", filter: "x/2", qos: 2)
            try await client.send("e0 00")
            #expect(try await client.closedByBroker().closed)
            #expect(try await eventually { broker.hasDetachedSession("c06-queue") })
            let publisher = try await connected(broker, version, id: "c06-queue-pub")
            try await publisher.send(Wire.publish(version, topic: "x/2", payload: "a", qos: 1, packetID: 1))
            try await publisher.send(Wire.publish(version, topic: "x/2", payload: "b", qos: 2, packetID: 2))
            #expect(try await publisher.receive("40 02 00 01 50 02 00 02") == "40 02 00 01 50 02 00 02")
            let back = try await connected(
                broker, version, id: "c06-queue", cleanStart: false, sessionPresent: true,
                properties: Self.keep(version))
            let queued =
                version == .v5
                ? "32 09 00 03 78 2f 32 00 01 00 61 34 09 00 03 78 2f 32 00 02 00 62"
                : "32 08 00 03 78 2f 32 00 01 61 34 08 00 03 78 2f 32 00 02 62"
            #expect(try await back.receive(queued) == queued)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func unacknowledgedPublishAndPubrelAreResentOnReconnect(_ version: ProtocolVersion) async throws {
        // [MQTT-4.4.0-1]: the QoS 1 PUBLISH without PUBACK comes again with its identifier and DUP 1
        // [MQTT-3.3.1-1]; the QoS 2 message already PUBREC'd comes as PUBREL, in the original order.
        try await TestBroker.with { broker in
            let client = try await Self.persistent(broker, version, id: "c06-resend", filter: "x/3", qos: 2)
            let publisher = try await connected(broker, version, id: "c06-resend-pub")
            try await publisher.send(Wire.publish(version, topic: "x/3", payload: "a", qos: 1, packetID: 1))
            try await publisher.send(Wire.publish(version, topic: "x/3", payload: "b", qos: 2, packetID: 2))
            let first =
                version == .v5
                ? "32 09 00 03 78 2f 33 00 01 00 61 34 09 00 03 78 2f 33 00 02 00 62"
                : "32 08 00 03 78 2f 33 00 01 61 34 08 00 03 78 2f 33 00 02 62"
            #expect(try await client.receive(first) == first)
            try await client.send("50 02 00 02")
            #expect(try await client.receive("62 02 00 02") == "62 02 00 02")
            await client.drop()
            #expect(try await eventually { broker.hasDetachedSession("c06-resend") })
            let back = try await connected(
                broker, version, id: "c06-resend", cleanStart: false, sessionPresent: true,
                properties: Self.keep(version))
            let resent =
                version == .v5
                ? "3a 09 00 03 78 2f 33 00 01 00 61 62 02 00 02" : "3a 08 00 03 78 2f 33 00 01 61 62 02 00 02"
            #expect(try await back.receive(resent) == resent)
            try await back.send("40 02 00 01 70 02 00 02")
            #expect(try await back.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func incomingQoS2StateSurvivesTheReconnect(_ version: ProtocolVersion) async throws {
        // [MQTT-4.4.0-1] the client resends its QoS 2 PUBLISH after reconnecting; 5.0 [MQTT-4.3.3-10]
        // / 3.1.1 [MQTT-4.3.3-2] the server answers PUBREC and does not deliver it a second time.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c06-in-sub", filter: "x/5", qos: 0)
            let client = try await connected(
                broker, version, id: "c06-in", cleanStart: false, properties: Self.keep(version))
            try await client.send(Wire.publish(version, topic: "x/5", payload: "hi", qos: 2, packetID: 5))
            #expect(try await client.receive("50 02 00 05") == "50 02 00 05")
            let delivered = version == .v5 ? "30 08 00 03 78 2f 35 00 68 69" : "30 07 00 03 78 2f 35 68 69"
            #expect(try await subscriber.receive(delivered) == delivered)
            await client.drop()
            #expect(try await eventually { broker.hasDetachedSession("c06-in") })
            let back = try await connected(
                broker, version, id: "c06-in", cleanStart: false, sessionPresent: true, properties: Self.keep(version))
            try await back.send(
                Wire.publish(version, topic: "x/5", payload: "hi", qos: 2, packetID: 5, duplicate: true))
            #expect(try await back.receive("50 02 00 05") == "50 02 00 05")
            try await back.send("62 02 00 05")
            #expect(try await back.receive("70 02 00 05") == "70 02 00 05")
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func aSecondConnectionTakesTheSessionOver(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-3.1.4-3] DISCONNECT 0x8E to the old connection, then its close; 3.1.1 [MQTT-3.1.4-2]
        // the old connection is closed. The new one works.
        try await TestBroker.with { broker in
            let old = try await connected(broker, version, id: "c06-take")
            let new = try await connected(broker, version, id: "c06-take")
            if version == .v5 { #expect(try await old.receive("e0 01 8e") == "e0 01 8e") }
            #expect(try await old.closedByBroker() == (true, ""))
            try await new.send("c0 00")
            #expect(try await new.receive("d0 00") == "d0 00")
        }
    }
}
