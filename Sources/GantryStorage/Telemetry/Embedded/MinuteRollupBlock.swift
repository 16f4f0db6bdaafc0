import GantryCore

/// The 1-minute rollups of one series for one hour, stored as one compressed block (one index row per
/// series-hour instead of sixty), so rollups cost a fraction of a byte per 1 Hz sample.
///
/// ```
/// ┌──────────────────────────────────────────────────────────────────────┐
/// │ entries u8 │ minute offsets, 6 bits each │ counts (residuals)         │
/// │ then for sum, min, max, first, last: scale u8 (255 = XOR) │ column bits │
/// │ qualities: 0 = as the entry before (good before the first), 1 + 32-bit status code │
/// └──────────────────────────────────────────────────────────────────────┘
/// ```
/// A column whose values are all short decimals is coded as scaled integers with delta residuals; other
/// columns (a sum that picked up binary rounding, say) as Gorilla XOR doubles.
enum MinuteRollupBlock {
    static func encode(_ entries: [(minute: Int, entry: RollupEntry)]) -> [UInt8] {
        var writer = BitWriter(reservingBytes: 16 + entries.count * 12)
        writer.write(UInt64(entries.count), bits: 8)
        for (minute, _) in entries { writer.write(UInt64(minute), bits: 6) }
        var counts = ResidualCoder(residual: .delta)
        for (_, entry) in entries { counts.append(entry.count, to: &writer) }
        let columns: [(RollupEntry) -> Double] = [\.sum, \.min, \.max, \.first, \.last]
        for column in columns {
            let values = entries.map { column($0.entry) }
            if let scale = DecimalScale.scale(of: values) {
                writer.write(UInt64(scale), bits: 8)
                var coder = ResidualCoder(residual: .delta)
                for value in values { coder.append(DecimalScale.scaled(value, scale: scale)!, to: &writer) }
            } else {
                writer.write(255, bits: 8)
                var coder = FloatEncoder()
                for value in values { coder.append(value, to: &writer) }
            }
        }
        var quality = Quality.good
        for (_, entry) in entries {
            if entry.quality == quality {
                writer.write(bit: false)
            } else {
                writer.write(bit: true)
                writer.write(UInt64(entry.quality.statusCode), bits: 32)
                quality = entry.quality
            }
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(ChunkDecodingError) -> [(minute: Int, entry: RollupEntry)] {
        var reader = BitReader(bytes)
        let count = Int(try reader.read(bits: 8))
        var minutes: [Int] = []
        for _ in 0..<count { minutes.append(Int(try reader.read(bits: 6))) }
        var counts = ResidualCoder(residual: .delta)
        var entries: [RollupEntry] = []
        for _ in 0..<count {
            entries.append(
                RollupEntry(
                    count: try counts.next(from: &reader), sum: 0, min: 0, max: 0, first: 0, last: 0, quality: .good))
        }
        let columns: [WritableKeyPath<RollupEntry, Double>] = [\.sum, \.min, \.max, \.first, \.last]
        for column in columns {
            let scale = Int(try reader.read(bits: 8))
            if scale == 255 {
                var coder = FloatDecoder()
                for index in 0..<count { entries[index][keyPath: column] = try coder.next(from: &reader) }
            } else {
                guard scale <= DecimalScale.maximumScale else {
                    throw ChunkDecodingError.malformed(bitOffset: reader.bitOffset, reason: "rollup scale \(scale)")
                }
                var coder = ResidualCoder(residual: .delta)
                for index in 0..<count {
                    entries[index][keyPath: column] = DecimalScale.value(try coder.next(from: &reader), scale: scale)
                }
            }
        }
        var quality = Quality.good
        for index in 0..<count {
            if try reader.readBit() { quality = Quality(statusCode: UInt32(try reader.read(bits: 32))) }
            entries[index].quality = quality
        }
        return zip(minutes, entries).map { ($0, $1) }
    }

    /// Merges the entries of a later flush into a block's entries (same minute: the later part).
    static func merge(
        _ earlier: [(minute: Int, entry: RollupEntry)], _ later: [(minute: Int, entry: RollupEntry)]
    ) -> [(minute: Int, entry: RollupEntry)] {
        var byMinute: [Int: RollupEntry] = [:]
        for (minute, entry) in earlier { byMinute[minute] = entry }
        for (minute, entry) in later {
            if var existing = byMinute[minute] {
                existing.merge(later: entry)
                byMinute[minute] = existing
            } else {
                byMinute[minute] = entry
            }
        }
        return byMinute.keys.sorted().map { ($0, byMinute[$0]!) }
    }
}
