import GantryMQTT
import GantryTesting
import NIOCore
import Testing

/// Each class of bad input and how the codec refuses it: the kind an operator reads and the MQTT 5
/// reason code the broker answers with.
@Suite struct PacketErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var hex: String
        /// nil: before CONNECT.
        var version: ProtocolVersion?
        var kind: MQTTPacketError.Kind
        var reasonCode: UInt8
        var maximumPacketSize = 268_435_460

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "reserved type 0", hex: "00 00", version: .v5, kind: .malformed, reasonCode: 0x81),
        Case(name: "type 15 (AUTH) in 3.1.1", hex: "f0 00", version: .v311, kind: .malformed, reasonCode: 0x81),
        Case(
            name: "SUBSCRIBE flags 0000", hex: "80 06 00 01 00 01 61 00", version: .v311, kind: .malformed,
            reasonCode: 0x81),
        Case(name: "five length bytes", hex: "30 ff ff ff ff 01", version: .v5, kind: .malformed, reasonCode: 0x81),
        Case(
            name: "protocol name", hex: "10 0e 00 04 4d 51 54 58 04 02 00 3c 00 02 63 31", version: nil,
            kind: .malformed, reasonCode: 0x81),
        Case(
            name: "reserved CONNECT flag", hex: "10 0e 00 04 4d 51 54 54 04 03 00 3c 00 02 63 31", version: nil,
            kind: .malformed, reasonCode: 0x81),
        Case(
            name: "ill-formed UTF-8", hex: "30 06 00 02 c3 28 68 69", version: .v311, kind: .malformed, reasonCode: 0x81
        ),
        Case(name: "U+0000", hex: "30 06 00 03 61 00 62 00", version: .v5, kind: .malformed, reasonCode: 0x81),
        Case(
            name: "packet identifier 0", hex: "32 07 00 01 61 00 00 00 78", version: .v5, kind: .malformed,
            reasonCode: 0x81),
        Case(
            name: "property not allowed", hex: "30 09 00 01 61 05 11 00 00 00 01", version: .v5, kind: .malformed,
            reasonCode: 0x81),
        Case(
            name: "unknown property", hex: "30 06 00 01 61 02 7f 00", version: .v5, kind: .malformed, reasonCode: 0x81),
        Case(
            name: "reserved SUBACK code in 3.1.1", hex: "90 03 00 01 05", version: .v311, kind: .malformed,
            reasonCode: 0x81),
        Case(
            name: "UNSUBACK payload in 3.1.1", hex: "b0 03 00 01 00", version: .v311, kind: .malformed, reasonCode: 0x81
        ),
        Case(name: "PINGREQ with a body", hex: "c0 01 00", version: .v5, kind: .malformed, reasonCode: 0x81),
        Case(name: "first packet not CONNECT", hex: "c0 00", version: nil, kind: .protocolViolation, reasonCode: 0x82),
        Case(
            name: "second CONNECT", hex: "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31", version: .v311,
            kind: .protocolViolation, reasonCode: 0x82),
        Case(
            name: "duplicate property", hex: "30 0e 00 01 61 0a 02 00 00 00 01 02 00 00 00 02", version: .v5,
            kind: .protocolViolation, reasonCode: 0x82),
        Case(
            name: "receive maximum 0", hex: "10 10 00 04 4d 51 54 54 05 02 00 3c 03 21 00 00 00 00", version: nil,
            kind: .protocolViolation, reasonCode: 0x82),
        Case(
            name: "SUBSCRIBE without filter", hex: "82 03 00 01 00", version: .v5, kind: .protocolViolation,
            reasonCode: 0x82),
        Case(
            name: "retain handling 3", hex: "82 07 00 01 00 00 01 61 30", version: .v5, kind: .protocolViolation,
            reasonCode: 0x82),
        Case(
            name: "wildcard in topic", hex: "30 04 00 01 23 00", version: .v5, kind: .protocolViolation,
            reasonCode: 0x90),
        Case(
            name: "empty topic, no alias", hex: "30 03 00 00 00", version: .v5, kind: .protocolViolation,
            reasonCode: 0x90),
        Case(
            name: "too large", hex: "30 ff ff ff 7f", version: .v5, kind: .tooLarge, reasonCode: 0x95,
            maximumPacketSize: 1 << 20),
        Case(
            name: "too large before CONNECT", hex: "10 80 01", version: nil, kind: .tooLarge, reasonCode: 0x95,
            maximumPacketSize: 100),
        Case(
            name: "protocol level 6", hex: "10 0e 00 04 4d 51 54 54 06 02 00 3c 00 02 63 31", version: nil,
            kind: .unsupportedVersion, reasonCode: 0x84),
        Case(
            name: "MQIsdp", hex: "10 10 00 06 4d 51 49 73 64 70 03 02 00 3c 00 02 63 31", version: nil,
            kind: .unsupportedVersion, reasonCode: 0x84),
    ]

    @Test(arguments: cases)
    func badInputIsRefusedWithItsKindAndReasonCode(_ input: Case) {
        var buffer = ByteBuffer(bytes: RawMQTTConnection.bytes(input.hex))
        let error = #expect(throws: MQTTPacketError.self) {
            _ = try Packet.decode(from: &buffer, version: input.version, maximumPacketSize: input.maximumPacketSize)
        }
        #expect(error?.kind == input.kind)
        #expect(error?.reasonCode.rawValue == input.reasonCode)
    }

    @Test func aTooLargePacketIsRefusedFromItsFixedHeaderAlone() throws {
        // The size check needs only the fixed header, so a huge packet is refused before it is buffered.
        var buffer = ByteBuffer(bytes: [0x30, 0x80, 0x80, 0x80, 0x01])
        let error = #expect(throws: MQTTPacketError.self) {
            _ = try Packet.decode(from: &buffer, version: .v311, maximumPacketSize: 1_000)
        }
        #expect(error?.kind == .tooLarge)
    }
}
