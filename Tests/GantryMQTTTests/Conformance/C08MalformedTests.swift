import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 8: malformed packets and protocol errors (§1.5, §2.1, §2.2.2, §4.13), byte for byte.
///
/// Each bad packet follows a good CONNECT; the broker closes the connection [MQTT-4.13.1-1], and
/// says why first in 5.0 (§4.13.1): 0x81 for bytes that do not parse, 0x82 for a rule broken.
@Suite struct C08MalformedTests {
    /// Packets that are malformed in either version, sent after CONNACK.
    enum Malformed: String, CaseIterable, Sendable {
        case reservedType0, remainingLengthOfFiveBytes, invalidUTF8, surrogateInUTF8, nullInUTF8
        case invalidUTF8InFilter, topicRunsPastThePacket, subscribeWithoutOptions, shortPuback

        func bytes(_ version: ProtocolVersion) -> String {
            switch self {
            case .reservedType0: "00 00"  // §2.1.2: type 0 is reserved
            case .remainingLengthOfFiveBytes: "30 ff ff ff ff 01"  // §1.5.5: at most four bytes
            case .invalidUTF8: Wire.packet(0x30, "00 02 c3 28 " + (version == .v5 ? "00 " : "") + "68 69")
            case .surrogateInUTF8: Wire.packet(0x30, "00 03 ed a0 80 " + (version == .v5 ? "00 " : "") + "68 69")
            case .nullInUTF8: Wire.packet(0x30, "00 03 61 00 62 " + (version == .v5 ? "00 " : "") + "68 69")
            case .invalidUTF8InFilter: Wire.packet(0x82, "00 01 " + (version == .v5 ? "00 " : "") + "00 02 c3 28 00")
            case .topicRunsPastThePacket: "30 04 00 09 74 2f"
            case .subscribeWithoutOptions:
                Wire.packet(0x82, "00 01 " + (version == .v5 ? "00 " : "") + "00 03 73 2f 61")
            case .shortPuback: "40 01 00"
            }
        }
    }

    @Test(arguments: ProtocolVersion.allCases, Malformed.allCases)
    func malformedPacketClosesTheConnection(_ version: ProtocolVersion, _ packet: Malformed) async throws {
        // 5.0 [MQTT-1.5.4-1], [MQTT-1.5.4-2] / 3.1.1 [MQTT-1.5.3-1], [MQTT-1.5.3-2]: ill-formed UTF-8,
        // surrogates and U+0000 are malformed; §1.5.5 a Variable Byte Integer has at most four bytes;
        // §2.1.2 type 0 is reserved; lengths that run past the packet are malformed. [MQTT-4.13.1-1].
        try await TestBroker.with { broker in
            let client = try await connected(broker, version, id: "c08-malformed")
            try await client.send(packet.bytes(version))
            if version == .v5 { #expect(try await disconnectReason(client) == 0x81) }
            #expect(try await client.closedByBroker() == (true, ""))
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func packetType15IsReservedIn311AndAnUnexpectedAuthIn5(_ version: ProtocolVersion) async throws {
        // 3.1.1 §2.2.1: type 15 is reserved, so malformed; 5.0 §3.15: AUTH without an Authentication
        // Method in CONNECT is a protocol error (0x82).
        try await TestBroker.with { broker in
            let client = try await connected(broker, version, id: "c08-type15")
            try await client.send("f0 00")
            if version == .v5 { #expect(try await disconnectReason(client) == 0x82) }
            #expect(try await client.closedByBroker() == (true, ""))
        }
    }

    @Test(arguments: [
        ("30 09 00 03 74 2f 31 09 68 69 00", UInt8(0x81)),  // property length 9 runs past the packet
        (Wire.publish(.v5, topic: "t/1", payload: "hi", properties: "11 00 00 00 05"), UInt8(0x81)),  // 0x11 in PUBLISH
        (Wire.subscribe(.v5, filter: "s/1", qos: 0, properties: "02 00 00 00 05"), UInt8(0x81)),  // 0x02 in SUBSCRIBE
        (Wire.publish(.v5, topic: "t/1", payload: "hi", properties: "02 00 00 00 05 02 00 00 00 06"), UInt8(0x82)),
        (Wire.publish(.v5, topic: "t/1", payload: "hi", properties: "03 00 01 61 03 00 01 62"), UInt8(0x82)),
        (Wire.subscribe(.v5, filter: "s/1", qos: 0, properties: "0b 00"), UInt8(0x82)),  // identifier 0
    ])
    func propertyErrors(_ packet: String, _ reason: UInt8) async throws {
        // 5.0 §2.2.2.2: a property not allowed in the packet is malformed (0x81); a property that may
        // appear once and appears twice is a protocol error (0x82), e.g. §3.3.2.3.3, §3.3.2.3.9, and so
        // is a subscription identifier of 0 (§3.8.2.1.2).
        try await TestBroker.with { broker in
            let client = try await connected(broker, .v5, id: "c08-property")
            try await client.send(packet)
            #expect(try await disconnectReason(client) == reason)
            #expect(try await client.closedByBroker() == (true, ""))
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func packetLargerThanTheBrokersMaximumIsRefusedWith0x95(_ version: ProtocolVersion) async throws {
        // [MQTT-3.2.2-15]: the client may not exceed the Maximum Packet Size of CONNACK (here 64, 0x27);
        // §3.2.2.3.6 the server answers 0x95, even when only the fixed header (268 435 455) has come.
        var configuration = MQTTBrokerConfiguration()
        configuration.maximumPacketSize = 64
        let connack = version == .v5 ? "20 0e 00 00 0b 21 04 00 22 00 40 27 00 00 00 40" : "20 02 00 00"
        try await TestBroker.with(configuration: configuration) { broker in
            let watcher = try await subscribed(
                broker, version, id: "c08-big-watch", filter: "#", qos: 0, connack: connack)
            let large = Wire.publish(version, topic: "t/big", payload: String(repeating: "x", count: 100))
            for packet in [large, "30 ff ff ff 7f"] {
                let client = try await connected(broker, version, id: "c08-big", connack: connack)
                try await client.send(packet)
                if version == .v5 { #expect(try await disconnectReason(client) == 0x95) }
                #expect(try await client.closedByBroker() == (true, ""))
            }
            #expect(try await watcher.unread() == "")
        }
    }

    @Test func theBrokersDisconnectRespectsTheClientsMaximumPacketSize() async throws {
        // [MQTT-3.1.2-24], [MQTT-3.14.2-3]: with a Maximum Packet Size of 16 bytes the DISCONNECT
        // leaves its reason string out rather than exceed it.
        try await TestBroker.with { broker in
            let client = try await connected(broker, .v5, id: "c08-small", properties: "27 00 00 00 10")
            try await client.send("00 00")
            #expect(try await client.closedByBroker() == (true, "e0 01 81"))
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func aMalformedClientDoesNotDisturbTheOthers(_ version: ProtocolVersion) async throws {
        // [MQTT-4.13.1-1] closes only the connection that sent the bad packet: between bad clients a
        // subscriber keeps receiving each QoS 1 message, in order, byte for byte.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, version, id: "c08-calm-watch", filter: "m/1", qos: 1)
            let publisher = try await connected(broker, version, id: "c08-calm-pub")
            for (index, bad) in Malformed.allCases.enumerated() {
                let client = try await connected(broker, version, id: "c08-noisy-\(index)")
                try await client.send(bad.bytes(version))
                #expect(try await client.closedByBroker().closed)
                let id = UInt8(index + 1)
                try await publisher.send(Wire.publish(version, topic: "m/1", payload: "k", qos: 1, packetID: id))
                let delivered = Wire.publish(version, topic: "m/1", payload: "k", qos: 1, packetID: id)
                #expect(try await watcher.receive(delivered) == delivered)
                try await watcher.send("40 02 00 " + Wire.hexByte(Int(id)))
            }
        }
    }
}
