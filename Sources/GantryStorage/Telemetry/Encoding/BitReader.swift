/// Reads a bit stream written by ``BitWriter``; running past the end is an error, never a zero.
struct BitReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// How many bits have been read, for error messages that point into the chunk.
    var bitOffset: Int { position }

    /// Bits not yet read.
    var remainingBits: Int { bytes.count * 8 - position }

    mutating func readBit() throws(ChunkDecodingError) -> Bool {
        guard position < bytes.count * 8 else { throw ChunkDecodingError.truncated(bitOffset: position) }
        let bit = bytes[position >> 3] & (0x80 >> UInt8(position & 7)) != 0
        position += 1
        return bit
    }

    /// Reads `count` bits (0…64) as an unsigned value, most significant first.
    mutating func read(bits count: Int) throws(ChunkDecodingError) -> UInt64 {
        guard count <= remainingBits else { throw ChunkDecodingError.truncated(bitOffset: position) }
        var value: UInt64 = 0
        var remaining = count
        while remaining > 0 {
            let inByte = 8 - (position & 7)
            let take = min(inByte, remaining)
            let byte = UInt64(bytes[position >> 3])
            let chunk = (byte >> UInt64(inByte - take)) & ((1 << UInt64(take)) - 1)
            value = (value << UInt64(take)) | chunk
            position += take
            remaining -= take
        }
        return value
    }
}

/// A compressed chunk that cannot be decoded: cut short or holding impossible values.
public enum ChunkDecodingError: Error, Equatable, Sendable {
    /// The stream ended at this bit while a value was still being read.
    case truncated(bitOffset: Int)
    /// A field held a value no encoder writes.
    case malformed(bitOffset: Int, reason: String)
}
