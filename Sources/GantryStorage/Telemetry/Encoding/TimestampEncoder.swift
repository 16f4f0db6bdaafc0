/// Delta-of-delta timestamp compression, as in Facebook's Gorilla (VLDB 2015, section 4.1.1).
///
/// Samples from a polled device arrive at a nearly fixed interval, so the change of the interval is
/// almost always zero and costs one bit. The buckets are widened to milliseconds: the last one holds a
/// full 64-bit difference, so any timestamp sequence round-trips exactly.
struct TimestampEncoder {
    private var previous: Int64 = 0
    private var previousDelta: Int64 = 0
    private(set) var count = 0

    mutating func append(_ timestamp: Int64, to writer: inout BitWriter) {
        defer { count += 1 }
        switch count {
        case 0:
            writer.write(UInt64(bitPattern: timestamp), bits: 64)
        case 1:
            let delta = timestamp &- previous
            writer.write(UInt64(bitPattern: delta), bits: 64)
            previousDelta = delta
        default:
            let delta = timestamp &- previous
            let deltaOfDelta = delta &- previousDelta
            Self.writeDeltaOfDelta(deltaOfDelta, to: &writer)
            previousDelta = delta
        }
        previous = timestamp
    }

    /// `0` for no change; `10`+7, `110`+9, `1110`+12 bits for small changes; `1111`+64 otherwise.
    static func writeDeltaOfDelta(_ value: Int64, to writer: inout BitWriter) {
        switch value {
        case 0:
            writer.write(bit: false)
        case -63...64:
            writer.write(0b10, bits: 2)
            writer.write(UInt64(bitPattern: value &+ 63), bits: 7)
        case -255...256:
            writer.write(0b110, bits: 3)
            writer.write(UInt64(bitPattern: value &+ 255), bits: 9)
        case -2047...2048:
            writer.write(0b1110, bits: 4)
            writer.write(UInt64(bitPattern: value &+ 2047), bits: 12)
        default:
            writer.write(0b1111, bits: 4)
            writer.write(UInt64(bitPattern: value), bits: 64)
        }
    }
}

/// Reads timestamps written by ``TimestampEncoder``.
struct TimestampDecoder {
    private var previous: Int64 = 0
    private var previousDelta: Int64 = 0
    private var count = 0

    mutating func next(from reader: inout BitReader) throws(ChunkDecodingError) -> Int64 {
        defer { count += 1 }
        let timestamp: Int64
        switch count {
        case 0:
            timestamp = Int64(bitPattern: try reader.read(bits: 64))
        case 1:
            previousDelta = Int64(bitPattern: try reader.read(bits: 64))
            timestamp = previous &+ previousDelta
        default:
            let deltaOfDelta: Int64
            if try !reader.readBit() {
                deltaOfDelta = 0
            } else if try !reader.readBit() {
                deltaOfDelta = Int64(try reader.read(bits: 7)) - 63
            } else if try !reader.readBit() {
                deltaOfDelta = Int64(try reader.read(bits: 9)) - 255
            } else if try !reader.readBit() {
                deltaOfDelta = Int64(try reader.read(bits: 12)) - 2047
            } else {
                deltaOfDelta = Int64(bitPattern: try reader.read(bits: 64))
            }
            previousDelta = previousDelta &+ deltaOfDelta
            timestamp = previous &+ previousDelta
        }
        previous = timestamp
        return timestamp
    }
}
