import GantryMQTT
import GantryTesting
import NIOCore
import Testing

/// SplitMix64: a small seeded generator, so every fuzz run sends the same bytes and a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Mutations of valid packets, and the decoder's verdict on the result.
enum Fuzz {
    enum Mutation: CaseIterable {
        case flipBit, setByte, truncate, extend, changeLength, deleteRange, longerLengthField, repeatPacket
    }

    /// One to three mutations of `bytes`.
    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            result = mutateOnce(result, using: &generator)
        }
        return result
    }

    private static func mutateOnce(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        let index = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
        switch Mutation.allCases.randomElement(using: &generator)! {
        case .flipBit where !bytes.isEmpty:
            bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        case .setByte where !bytes.isEmpty:
            bytes[index] = UInt8.random(in: 0...255, using: &generator)
        case .truncate:
            bytes = Array(bytes.prefix(index))
        case .extend:
            bytes += (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
        case .changeLength where bytes.count > 1:
            bytes[1] = UInt8.random(in: 0...255, using: &generator)
        case .deleteRange where !bytes.isEmpty:
            bytes.removeSubrange(index..<min(bytes.count, index + Int.random(in: 1...4, using: &generator)))
        case .longerLengthField where bytes.count > 1:
            bytes[1] |= 0x80
            bytes.insert(UInt8.random(in: 0...3, using: &generator), at: 2)
        case .repeatPacket:
            bytes += bytes
        default:
            bytes.append(UInt8.random(in: 0...255, using: &generator))
        }
        return bytes
    }

    /// What the decoder made of some bytes.
    enum Outcome {
        /// Every byte formed whole packets.
        case decoded
        /// The bytes ended inside a packet (after `count` whole ones).
        case incomplete(after: Int)
        /// The decoder refused packet number `index` (0 is the first).
        case refused(MQTTPacketError, index: Int)
    }

    /// Decodes packet after packet until the bytes run out, checking on the way what must always hold:
    /// nil consumes nothing, a refusal carries a failure reason code (0x80 or more), a decoded packet
    /// encodes and decodes to itself, and every step makes progress (so no input can hang the decoder).
    static func decodeAll(
        _ bytes: [UInt8], version: ProtocolVersion?, maximumPacketSize: Int = 1 << 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Outcome {
        var buffer = ByteBuffer(bytes: bytes)
        var version = version
        var count = 0
        while buffer.readableBytes > 0 {
            let before = buffer.readerIndex
            let packet: Packet?
            do {
                packet = try Packet.decode(from: &buffer, version: version, maximumPacketSize: maximumPacketSize)
            } catch {
                #expect(error.reasonCode.isFailure, "\(error)", sourceLocation: sourceLocation)
                return .refused(error, index: count)
            }
            guard let packet else {
                #expect(buffer.readerIndex == before, "nil must consume nothing", sourceLocation: sourceLocation)
                return .incomplete(after: count)
            }
            #expect(buffer.readerIndex >= before + 2, "a packet is at least two bytes", sourceLocation: sourceLocation)
            let decodeVersion = version
            if case .connect(let connect) = packet { version = connect.version }
            let effective = version ?? .v5
            var again = packet.encoded(version: effective)
            let reread = try? Packet.decode(from: &again, version: decodeVersion, maximumPacketSize: .max)
            #expect(reread == packet, "\(packet.type) re-encoded in \(effective)", sourceLocation: sourceLocation)
            count += 1
        }
        return .decoded
    }
}
