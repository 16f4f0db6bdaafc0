import GantryCore

/// Turns a run of one series' points into a chunk payload and back, choosing the coder by data type:
/// Gorilla XOR for doubles, delta-of-delta for ints, bools and string-state codes.
///
/// Payload: `encoding u8 │ count u32 │ coded bits` (see docs/format/chunk-file.md).
enum ChunkCodec {
    static func encode(_ points: ArraySlice<StoredPoint>, type: TagDataType) -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: 5 + points.count * 2)
        if type == .double {
            var encoder = DoubleChunkEncoder()
            for point in points {
                encoder.append(
                    DoublePoint(
                        timestamp: point.timestamp, value: Double(bitPattern: point.bits), quality: point.quality))
            }
            writer.append(UInt8(0))
            writer.append(UInt32(points.count))
            writer.bytes += encoder.bytes
        } else {
            var encoder = IntegerChunkEncoder()
            for point in points {
                encoder.append(timestamp: point.timestamp, value: Int64(bitPattern: point.bits), quality: point.quality)
            }
            writer.append(UInt8(1))
            writer.append(UInt32(points.count))
            writer.bytes += encoder.bytes
        }
        return writer.bytes
    }

    /// The points of a payload; a payload that does not decode is reported with its bit offset.
    static func decode(_ payload: [UInt8]) throws(ChunkDecodingError) -> [StoredPoint] {
        guard payload.count >= 5 else { throw ChunkDecodingError.truncated(bitOffset: payload.count * 8) }
        let encoding = payload[0]
        let count = Int(WALFormat.readUInt32(payload[1..<5]))
        let body = Array(payload[5...])
        var points: [StoredPoint] = []
        points.reserveCapacity(count)
        switch encoding {
        case 0:
            for point in try DoubleChunkDecoder.decode(body, count: count) {
                points.append(
                    StoredPoint(timestamp: point.timestamp, bits: point.value.bitPattern, quality: point.quality))
            }
        case 1:
            try IntegerChunkDecoder.decode(body, count: count) { timestamp, value, quality in
                points.append(StoredPoint(timestamp: timestamp, bits: UInt64(bitPattern: value), quality: quality))
            }
        default:
            throw ChunkDecodingError.malformed(bitOffset: 0, reason: "unknown chunk encoding \(encoding)")
        }
        return points
    }
}
