import GantryCore

/// Compresses a run of integer-valued points of one series: counters, booleans (0/1) and enumerated
/// states (dictionary codes).
///
/// Timestamps and values both go through the delta-of-delta coder: a counter that climbs steadily, a
/// flag that holds, or a state that does not change costs one bit per value, so in effect the runs are
/// run-length coded, and the occasional change costs a few bits.
struct IntegerChunkEncoder {
    private var writer = BitWriter(reservingBytes: 128)
    private var timestamps = TimestampEncoder()
    private var values = TimestampEncoder()
    private var quality = Quality.good

    var count: Int { timestamps.count }

    mutating func append(timestamp: Int64, value: Int64, quality pointQuality: Quality) {
        timestamps.append(timestamp, to: &writer)
        values.append(value, to: &writer)
        if pointQuality == quality {
            writer.write(bit: false)
        } else {
            writer.write(bit: true)
            writer.write(UInt64(pointQuality.statusCode), bits: 32)
            quality = pointQuality
        }
    }

    var bytes: [UInt8] { writer.bytes }
}

/// Expands a chunk written by ``IntegerChunkEncoder``, calling `body` with each point in order.
enum IntegerChunkDecoder {
    static func decode(
        _ bytes: [UInt8], count: Int, _ body: (Int64, Int64, Quality) -> Void
    ) throws(ChunkDecodingError) {
        var reader = BitReader(bytes)
        var timestamps = TimestampDecoder()
        var values = TimestampDecoder()
        var quality = Quality.good
        for _ in 0..<count {
            let timestamp = try timestamps.next(from: &reader)
            let value = try values.next(from: &reader)
            if try reader.readBit() {
                quality = Quality(statusCode: UInt32(try reader.read(bits: 32)))
            }
            body(timestamp, value, quality)
        }
    }
}
