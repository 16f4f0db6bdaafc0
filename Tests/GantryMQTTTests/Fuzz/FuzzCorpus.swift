import GantryMQTT
import GantryTesting

/// Valid byte strings to mutate: every codec sample and the packets the conformance tests send.
enum FuzzCorpus {
    /// Packets a client sends after CONNECT, as hex, for `version`.
    static func packets(_ version: ProtocolVersion) -> [String] {
        let p = version == .v5 ? "00 " : ""
        var packets = [
            Wire.publish(version, topic: "t/0", payload: "hi"),
            Wire.publish(version, topic: "t/1", payload: "hi", qos: 1, packetID: 10, duplicate: true),
            Wire.publish(version, topic: "t/2", payload: "hi", qos: 2, packetID: 7, retain: true),
            Wire.publish(version, topic: "k/5", payload: "", retain: true),
            Wire.subscribe(version, filter: "o/+", qos: 1, properties: "0b 01"),
            Wire.subscribe(version, packetID: 2, filter: "$share/g/sh/1", qos: 2),
            Wire.packet(0x82, "00 01 \(p)" + Wire.string("s/a") + " 00 " + Wire.string("s/#/x") + " 01"),
            Wire.packet(0xA2, "00 02 \(p)" + Wire.string("u/1") + " " + Wire.string("u/2")),
            "40 02 00 01", "50 02 00 02", "62 02 00 02", "70 02 00 02", "c0 00", "e0 00",
        ]
        if version == .v5 {
            packets += [
                "30 0b 00 03 74 2f 61 03 23 00 01 68 69",
                "30 08 00 00 03 23 00 01 68 6f",
                "30 0d 00 03 74 2f 65 05 02 00 00 00 3c 68 69",
                "30 2f 00 03 74 2f 70 27 01 01 03 00 02 6a 73 08 00 03 72 2f 31 09 00 02 ab cd "
                    + "26 00 01 6b 00 01 76 26 00 01 6b 00 01 77 26 00 01 61 00 01 62 68 69",
                Wire.subscribe(.v5, filter: "r/1", qos: 0, options: 0x2c),
                "50 03 00 02 80", "e0 01 04", "e0 07 00 05 11 00 00 00 3c", "f0 00",
            ]
        }
        return packets
            + PacketSamples.all(version).filter { !$0.isConnect && isClientPacket($0) }.map {
                RawMQTTConnection.hex($0.bytes(version))
            }
    }

    /// Packets of every type but CONNECT, server-sent ones included, as hex, for `version`: what
    /// the decoder may meet in either direction.
    static func allPackets(_ version: ProtocolVersion) -> [String] {
        packets(version)
            + PacketSamples.all(version).filter { !$0.isConnect && !isClientPacket($0) }.map {
                RawMQTTConnection.hex($0.bytes(version))
            }
    }

    /// CONNECT packets, as hex, for `version`.
    static func connects(_ version: ProtocolVersion) -> [String] {
        [
            Wire.connect(version, id: "fz"),
            Wire.connect(version, id: "fz", cleanStart: false, properties: "11 00 00 00 3c 21 00 02 27 00 00 00 10"),
            Wire.connect(version, id: "fz", will: Wire.Will(topic: "w/1", payload: "gone", qos: 1, retain: true)),
            Wire.connect(
                version, id: "fz", will: Wire.Will(topic: "w/1", payload: "gone", properties: "18 00 00 00 01")),
        ] + PacketSamples.all(version).filter(\.isConnect).map { RawMQTTConnection.hex($0.bytes(version)) }
    }

    private static func isClientPacket(_ packet: Packet) -> Bool {
        switch packet {
        case .connack, .suback, .unsuback, .pingresp: false
        default: true
        }
    }
}
