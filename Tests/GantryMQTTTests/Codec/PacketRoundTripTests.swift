import GantryMQTT
import NIOCore
import Testing

/// Every packet type, for both versions, encoded and decoded back to itself, with nothing left over.
@Suite struct PacketRoundTripTests {
    @Test(arguments: ProtocolVersion.allCases)
    func everyPacketTypeSurvivesARoundTrip(_ version: ProtocolVersion) throws {
        let samples = PacketSamples.all(version)
        let types = Set(samples.map(\.type.rawValue))
        #expect(types.count == (version == .v5 ? 15 : 14), "one sample per packet type (AUTH is 5.0 only)")
        for packet in samples {
            var buffer = packet.encoded(version: version)
            let decoded = try Packet.decode(from: &buffer, version: packet.isConnect ? nil : version)
            #expect(decoded == packet, "\(packet.type) in \(version)")
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func packetsBackToBackDecodeOneAtATime(_ version: ProtocolVersion) throws {
        // The decoder takes one packet from the front and leaves the rest, as a TCP read delivers them.
        let samples = PacketSamples.all(version).filter { !$0.isConnect }
        var buffer = ByteBuffer(bytes: samples.flatMap { $0.bytes(version) })
        for packet in samples {
            #expect(try Packet.decode(from: &buffer, version: version) == packet)
        }
        #expect(buffer.readableBytes == 0)
    }

    @Test(arguments: ProtocolVersion.allCases)
    func everyPrefixOfAPacketIsIncompleteAndConsumesNothing(_ version: ProtocolVersion) throws {
        // A packet that has not fully arrived decodes to nil and leaves the buffer as it was.
        for packet in PacketSamples.all(version) {
            let bytes = packet.bytes(version)
            for length in 0..<bytes.count {
                var buffer = ByteBuffer(bytes: bytes[..<length])
                #expect(try Packet.decode(from: &buffer, version: packet.isConnect ? nil : version) == nil)
                #expect(buffer.readableBytes == length)
            }
        }
    }
}
