import GantryMQTT
import GantryTesting
import NIOCore
import Testing

/// Packets next to their bytes worked out by hand from the specification: encoding gives exactly
/// these bytes, and decoding them gives the packet back.
@Suite struct ByteVectorTests {
    static let vectors: [(ProtocolVersion, String, Packet)] = {
        var sessionExpiry = Properties()
        sessionExpiry.sessionExpiryInterval = 60
        var receiveMaximum = Properties()
        receiveMaximum.receiveMaximum = 10
        var messageExpiry = Properties()
        messageExpiry.messageExpiryInterval = 60
        var subscriptionIdentifier = Properties()
        subscriptionIdentifier.subscriptionIdentifiers = [5]
        let allOptions = SubscriptionOptions(
            qos: .atLeastOnce, noLocal: true, retainAsPublished: true, retainHandling: .doNotSend)
        return [
            // CONNECT: "MQTT", level 4, Clean Session, keep-alive 60, client identifier "c1".
            (
                .v311, "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31",
                .connect(ConnectPacket(version: .v311, clientID: "c1"))
            ),
            // 5.0 adds the property block: Session Expiry Interval (0x11) 60.
            (
                .v5, "10 14 00 04 4d 51 54 54 05 02 00 3c 05 11 00 00 00 3c 00 02 63 31",
                .connect(ConnectPacket(version: .v5, clientID: "c1", properties: sessionExpiry))
            ),
            (.v311, "20 02 01 00", .connack(ConnackPacket(sessionPresent: true))),
            (.v5, "20 06 01 00 03 21 00 0a", .connack(ConnackPacket(sessionPresent: true, properties: receiveMaximum))),
            // PUBLISH QoS 1 (0x32) to "a/b", identifier 10, Message Expiry (0x02) 60, payload "hi".
            (
                .v5, "32 0f 00 03 61 2f 62 00 0a 05 02 00 00 00 3c 68 69",
                .publish(
                    PublishPacket(
                        topic: "a/b", payload: ByteBuffer(string: "hi"), qos: .atLeastOnce, packetID: 10,
                        properties: messageExpiry))
            ),
            // PUBLISH QoS 2, DUP and RETAIN (0x3d).
            (
                .v311, "3d 09 00 03 61 2f 62 00 0a 68 69",
                .publish(
                    PublishPacket(
                        topic: "a/b", payload: ByteBuffer(string: "hi"), qos: .exactlyOnce, retain: true,
                        duplicate: true, packetID: 10))
            ),
            // A success PUBACK leaves out reason code and properties (remaining length 2); 0x10 does not.
            (.v5, "40 02 00 0a", .puback(PublishAcknowledgement(packetID: 10))),
            (.v5, "40 03 00 0a 10", .puback(PublishAcknowledgement(packetID: 10, reasonCode: .noMatchingSubscribers))),
            (.v311, "62 02 00 0a", .pubrel(PublishAcknowledgement(packetID: 10))),
            // SUBSCRIBE: flags 0010, Subscription Identifier 5, options 0x2d = RH 2 | RAP | NL | QoS 1.
            (
                .v5, "82 0b 00 01 02 0b 05 00 03 61 2f 23 2d",
                .subscribe(
                    SubscribePacket(
                        packetID: 1, requests: [.init(filter: "a/#", options: allOptions)],
                        properties: subscriptionIdentifier))
            ),
            (
                .v311, "90 04 00 01 01 80",
                .suback(SubscriptionAcknowledgement(packetID: 1, reasonCodes: [.grantedQoS1, .unspecifiedError]))
            ),
            (
                .v5, "b0 05 00 01 00 00 11",
                .unsuback(SubscriptionAcknowledgement(packetID: 1, reasonCodes: [.success, .noSubscriptionExisted]))
            ),
            (.v311, "b0 02 00 01", .unsuback(SubscriptionAcknowledgement(packetID: 1, reasonCodes: []))),
            (.v311, "c0 00", .pingreq),
            (.v5, "d0 00", .pingresp),
            (.v311, "e0 00", .disconnect(DisconnectPacket())),
            (.v5, "e0 00", .disconnect(DisconnectPacket())),
            (.v5, "e0 01 8e", .disconnect(DisconnectPacket(reasonCode: .sessionTakenOver))),
            (.v5, "f0 00", .auth(AuthPacket())),
        ]
    }()

    @Test(arguments: vectors.indices)
    func packetEncodesToTheBytesOfTheSpecificationAndBack(_ index: Int) throws {
        let (version, hex, packet) = Self.vectors[index]
        #expect(RawMQTTConnection.hex(packet.bytes(version)) == hex)
        var buffer = ByteBuffer(bytes: RawMQTTConnection.bytes(hex))
        #expect(try Packet.decode(from: &buffer, version: packet.isConnect ? nil : version) == packet)
        #expect(buffer.readableBytes == 0)
    }

    @Test(arguments: [(124, "30 7f"), (125, "30 80 01"), (16_380, "30 ff 7f"), (16_381, "30 80 80 01")])
    func remainingLengthUsesTheFewestBytes(_ payload: Int, _ header: String) throws {
        // [MQTT-1.5.5-1]: 127 in one byte, 128 in two, 16 383 in two, 16 384 in three (topic "t": 3 bytes).
        let packet = Packet.publish(PublishPacket(topic: "t", payload: ByteBuffer(repeating: 0x78, count: payload)))
        let bytes = packet.bytes(.v311)
        #expect(RawMQTTConnection.hex(Array(bytes.prefix(RawMQTTConnection.bytes(header).count))) == header)
        var buffer = ByteBuffer(bytes: bytes)
        #expect(try Packet.decode(from: &buffer, version: .v311) == packet)
    }
}
