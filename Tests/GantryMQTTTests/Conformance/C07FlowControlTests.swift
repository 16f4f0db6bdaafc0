import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 7: flow control (§3.3.4, §4.9) and packet identifiers (§2.2.1), byte for byte.
@Suite struct C07FlowControlTests {
    /// The payloads `1`, `2`, `3` on `f/1` as the broker delivers them at QoS 1 to a 5.0 client,
    /// with packet identifiers 1, 2, 3.
    static func delivery(_ number: UInt8, topic: String = "f/1", qos: UInt8 = 1) -> String {
        let first = qos == 2 ? "34" : "32"
        return "\(first) 09 00 03 \(RawMQTTConnection.hex(Array(topic.utf8))) 00 0\(number) 00 3\(number)"
    }

    @Test(arguments: ProtocolVersion.allCases)
    func theClientsReceiveMaximumBoundsQoS1DeliveriesInFlight(_ publisherVersion: ProtocolVersion) async throws {
        // [MQTT-3.3.4-9], [MQTT-4.9.0-2]: the subscriber allows 2 (0x21); the third waits for a PUBACK.
        // [MQTT-3.3.4-10], [MQTT-4.9.0-3]: other packets are not held back meanwhile (PINGRESP).
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(
                broker, .v5, id: "c07-rm-sub", filter: "f/1", qos: 1, properties: "21 00 02")
            let publisher = try await connected(broker, publisherVersion, id: "c07-rm-pub")
            for number in 1...3 {
                try await publisher.send(
                    Wire.publish(publisherVersion, topic: "f/1", payload: "\(number)", qos: 1, packetID: UInt8(number)))
            }
            #expect(
                try await publisher.receive("40 02 00 01 40 02 00 02 40 02 00 03")
                    == "40 02 00 01 40 02 00 02 40 02 00 03")
            let twoInFlight = Self.delivery(1) + " " + Self.delivery(2)
            #expect(try await subscriber.receive(twoInFlight) == twoInFlight)
            try await subscriber.send("c0 00")
            #expect(try await subscriber.receive("d0 00") == "d0 00")
            #expect(try await subscriber.unread() == "")
            try await subscriber.send("40 02 00 01")
            #expect(try await subscriber.receive(Self.delivery(3)) == Self.delivery(3))
        }
    }

    @Test func aQoS2DeliveryHoldsItsSlotUntilPubcompOrAFailedPubrec() async throws {
        // [MQTT-3.3.4-9], §4.9: with Receive Maximum 1 the next QoS 2 delivery waits for PUBCOMP (not
        // for PUBREC), or for a PUBREC with a reason code of 0x80 or more, which ends that delivery.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(
                broker, .v5, id: "c07-q2-sub", filter: "f/2", qos: 2, properties: "21 00 01")
            let publisher = try await connected(broker, .v5, id: "c07-q2-pub")
            for number in 1...3 {
                try await publisher.send(
                    Wire.publish(.v5, topic: "f/2", payload: "\(number)", qos: 2, packetID: UInt8(number)))
            }
            #expect(
                try await subscriber.receive(Self.delivery(1, topic: "f/2", qos: 2))
                    == Self.delivery(1, topic: "f/2", qos: 2))
            try await subscriber.send("50 02 00 01")
            #expect(try await subscriber.receive("62 02 00 01") == "62 02 00 01")
            #expect(try await subscriber.unread() == "")
            try await subscriber.send("70 02 00 01")
            #expect(
                try await subscriber.receive(Self.delivery(2, topic: "f/2", qos: 2))
                    == Self.delivery(2, topic: "f/2", qos: 2))
            try await subscriber.send("50 03 00 02 80")
            #expect(
                try await subscriber.receive(Self.delivery(3, topic: "f/2", qos: 2))
                    == Self.delivery(3, topic: "f/2", qos: 2))
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test func theBrokersReceiveMaximumIsEnforcedWith0x93() async throws {
        // [MQTT-3.3.4-7] the client may have at most the server's Receive Maximum (here 2, in CONNACK)
        // QoS 1/2 publications unacknowledged; §3.3.4: one more is answered with DISCONNECT 0x93. A
        // resend of one still awaiting PUBREL takes no new slot [MQTT-4.3.3-10]; PUBCOMP frees one.
        var configuration = MQTTBrokerConfiguration()
        configuration.receiveMaximum = 2
        try await TestBroker.with(configuration: configuration) { broker in
            let client = try await connected(
                broker, .v5, id: "c07-own", connack: "20 0e 00 00 0b 21 00 02 22 00 40 27 00 10 00 00")
            try await client.send(Wire.publish(.v5, topic: "f/3", payload: "1", qos: 2, packetID: 1))
            try await client.send(Wire.publish(.v5, topic: "f/3", payload: "2", qos: 2, packetID: 2))
            try await client.send(Wire.publish(.v5, topic: "f/3", payload: "2", qos: 2, packetID: 2, duplicate: true))
            #expect(
                try await client.receive("50 02 00 01 50 02 00 02 50 02 00 02") == "50 02 00 01 50 02 00 02 50 02 00 02"
            )
            try await client.send("62 02 00 01")
            #expect(try await client.receive("70 02 00 01") == "70 02 00 01")
            try await client.send(Wire.publish(.v5, topic: "f/3", payload: "3", qos: 2, packetID: 3))
            #expect(try await client.receive("50 02 00 03") == "50 02 00 03")
            try await client.send(Wire.publish(.v5, topic: "f/3", payload: "4", qos: 2, packetID: 4))
            #expect(try await disconnectReason(client) == 0x93)
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test func mqtt311HasNoReceiveMaximum() async throws {
        // Receive Maximum is an MQTT 5 property (§3.1.2.11.3): a 3.1.1 client is not held to it.
        var configuration = MQTTBrokerConfiguration()
        configuration.receiveMaximum = 2
        try await TestBroker.with(configuration: configuration) { broker in
            let client = try await connected(broker, .v311, id: "c07-311")
            for id: UInt8 in 1...3 {
                try await client.send(Wire.publish(.v311, topic: "f/4", payload: "x", qos: 2, packetID: id))
            }
            #expect(
                try await client.receive("50 02 00 01 50 02 00 02 50 02 00 03") == "50 02 00 01 50 02 00 02 50 02 00 03"
            )
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func packetIdentifiersInFlightAreNonZeroAndNeverReused(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-2.2.1-4] / 3.1.1 [MQTT-2.3.1-1], [MQTT-2.3.1-4]: each new QoS 1 delivery gets a
        // non-zero identifier that no unacknowledged delivery holds; acknowledging one frees only that one.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c07-ids-sub", filter: "f/5", qos: 1)
            let publisher = try await connected(broker, version, id: "c07-ids-pub")
            for number: UInt8 in 1...3 {
                try await publisher.send(Wire.publish(version, topic: "f/5", payload: "x", qos: 1, packetID: number))
            }
            var ids: [String] = []
            for _ in 1...3 { ids.append(Self.packetIdentifier(try await subscriber.packet())) }
            #expect(Set(ids).count == 3)
            #expect(!ids.contains("00 00"))
            try await subscriber.send("40 02 " + ids[1])
            try await publisher.send(Wire.publish(version, topic: "f/5", payload: "x", qos: 1, packetID: 4))
            let fourth = Self.packetIdentifier(try await subscriber.packet())
            #expect(fourth != ids[0] && fourth != ids[2] && fourth != "00 00")
        }
    }

    /// The packet identifier of a QoS 1/2 PUBLISH written as hex: the two bytes after the topic.
    static func packetIdentifier(_ publish: String) -> String {
        let bytes = RawMQTTConnection.bytes(publish)
        guard bytes.count >= 4 else { return "" }
        let start = 4 + (Int(bytes[2]) << 8 | Int(bytes[3]))
        guard bytes.count >= start + 2 else { return "" }
        return RawMQTTConnection.hex(Array(bytes[start..<start + 2]))
    }
}
