import GantryCore

/// Turns a run of one series' points into a chunk payload and back, choosing the smallest coding the data
/// allows (see docs/format/chunk-file.md):
///
/// - `0` doubles, Gorilla: delta-of-delta timestamps, XOR values;
/// - `1` integers (ints, bools, string-state codes): a residual mode byte, then timestamps and residuals;
/// - `2` decimal doubles: a scale byte and a residual mode byte, then the values as scaled integers.
///
/// Payload: `encoding u8 │ count u32 │ [scale u8] │ [residual u8] │ coded bits`.
enum ChunkCodec {
    static func encode(_ points: ArraySlice<StoredPoint>, type: TagDataType) -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: 7 + points.count * 2)
        if type == .double {
            if let scale = DecimalScale.scale(of: points.lazy.map { Double(bitPattern: $0.bits) }) {
                let integers = points.map { point in
                    StoredPoint(
                        timestamp: point.timestamp,
                        bits: UInt64(bitPattern: DecimalScale.scaled(Double(bitPattern: point.bits), scale: scale)!),
                        quality: point.quality)
                }
                let (residual, bytes) = smallestIntegerCoding(integers[...])
                writer.append(UInt8(2))
                writer.append(UInt32(points.count))
                writer.append(UInt8(scale))
                writer.append(residual.rawValue)
                writer.bytes += bytes
            } else {
                var encoder = DoubleChunkEncoder()
                for point in points {
                    encoder.append(
                        DoublePoint(
                            timestamp: point.timestamp, value: Double(bitPattern: point.bits), quality: point.quality))
                }
                writer.append(UInt8(0))
                writer.append(UInt32(points.count))
                writer.bytes += encoder.bytes
            }
        } else {
            let (residual, bytes) = smallestIntegerCoding(points)
            writer.append(UInt8(1))
            writer.append(UInt32(points.count))
            writer.append(residual.rawValue)
            writer.bytes += bytes
        }
        return writer.bytes
    }

    /// Counts the values' bits both ways and codes them the smaller: noise favours deltas, counters
    /// delta-of-deltas.
    private static func smallestIntegerCoding(_ points: ArraySlice<StoredPoint>) -> (IntegerResidual, [UInt8]) {
        let values = points.lazy.map { Int64(bitPattern: $0.bits) }
        let residual = IntegerResidual.allCases.min { $0.codedBits(values) < $1.codedBits(values) }!
        var encoder = IntegerChunkEncoder(residual: residual)
        for point in points {
            encoder.append(timestamp: point.timestamp, value: Int64(bitPattern: point.bits), quality: point.quality)
        }
        return (residual, encoder.bytes)
    }

    /// The points of a payload; a payload that does not decode is reported with its bit offset.
    static func decode(_ payload: [UInt8]) throws(ChunkDecodingError) -> [StoredPoint] {
        guard payload.count >= 5 else { throw ChunkDecodingError.truncated(bitOffset: payload.count * 8) }
        let encoding = payload[0]
        let count = Int(WALFormat.readUInt32(payload[1..<5]))
        var points: [StoredPoint] = []
        points.reserveCapacity(count)
        switch encoding {
        case 0:
            for point in try DoubleChunkDecoder.decode(Array(payload[5...]), count: count) {
                points.append(
                    StoredPoint(timestamp: point.timestamp, bits: point.value.bitPattern, quality: point.quality))
            }
        case 1:
            guard payload.count >= 6, let residual = IntegerResidual(rawValue: payload[5]) else {
                throw ChunkDecodingError.malformed(bitOffset: 40, reason: "unknown residual mode")
            }
            try IntegerChunkDecoder.decode(payload[6...], count: count, residual: residual) {
                timestamp, value, quality in
                points.append(StoredPoint(timestamp: timestamp, bits: UInt64(bitPattern: value), quality: quality))
            }
        case 2:
            guard payload.count >= 7, Int(payload[5]) <= DecimalScale.maximumScale,
                let residual = IntegerResidual(rawValue: payload[6])
            else {
                throw ChunkDecodingError.malformed(bitOffset: 40, reason: "unknown decimal scale or residual mode")
            }
            let scale = Int(payload[5])
            try IntegerChunkDecoder.decode(payload[7...], count: count, residual: residual) {
                timestamp, value, quality in
                points.append(
                    StoredPoint(
                        timestamp: timestamp, bits: DecimalScale.value(value, scale: scale).bitPattern, quality: quality
                    ))
            }
        default:
            throw ChunkDecodingError.malformed(bitOffset: 0, reason: "unknown chunk encoding \(encoding)")
        }
        return points
    }
}
