import GantryCore
import PostgresKit

extension PostgresTelemetryStore {
    /// The most blocks one read answers: a thousand one-second blocks of 48 kHz are already 192 MB.
    public static let maximumWaveformLimit = 1_000

    /// Stores each block as one row of `telemetry_waveforms`, its values as little-endian float32 in a
    /// `bytea`; a block of the same tag and start replaces the stored one (the last write wins).
    ///
    /// Refuses the whole batch when a block has no values, a sample rate that is not a positive finite
    /// number, or a start past the future bound.
    public func append(waveforms: [Waveform]) async throws {
        try await state.checkOpen()
        guard !waveforms.isEmpty else { return }
        for waveform in waveforms {
            guard !waveform.values.isEmpty, waveform.sampleRate.isFinite, waveform.sampleRate > 0 else {
                throw TelemetryError(
                    .invalidWaveform,
                    "the waveform of '\(waveform.tag)' at \(waveform.start) needs values and a positive sample rate (has \(waveform.values.count) values at \(waveform.sampleRate) Hz)"
                )
            }
            guard
                (SamplePartitionDay.earliestTimestamp...SamplePartitionDay.latestTimestamp).contains(waveform.start)
            else {
                throw TelemetryError(
                    .invalidWaveform,
                    "the waveform of '\(waveform.tag)' starts at \(waveform.start) ms, outside years 1 to 9999")
            }
        }
        // Later blocks of the same tag and start win, as they would row by row.
        var latest: [WaveformKey: Waveform] = [:]
        for waveform in waveforms {
            latest[WaveformKey(tag: waveform.tag.description, start: waveform.start)] = waveform
        }
        let blocks = Array(latest.values)
        let tags = Array(Set(latest.keys.map(\.tag))).sorted()
        try await connections.run("append \(blocks.count) waveforms") {
            try await connections.transaction { connection in
                try await connection.query(
                    """
                    INSERT INTO telemetry_series (tag) SELECT unnest(\(tags)::text[]) ORDER BY 1
                    ON CONFLICT (tag) DO NOTHING
                    """, logger: logger)
                let (series, now) = try await Self.catalog(tags, connection, logger: logger)
                let clock = try await Self.serverClock(now, connection, logger: logger)
                if let early = blocks.first(where: { $0.start > clock + futureBound }) {
                    throw TelemetryError(
                        .inFuture,
                        "the waveform of '\(early.tag)' at \(Timestamp(millisecondsSinceEpoch: early.start)) starts ahead of the server clock by more than \(futureBound / 1000) s (check the device clock)"
                    )
                }
                var ids: [Int32] = []
                var starts: [Int64] = []
                var rates: [Double] = []
                var qualities: [Int32] = []
                var values: [ByteBuffer] = []
                for block in blocks {
                    guard let id = series[block.tag.description]?.id else { continue }
                    ids.append(id)
                    starts.append(block.start)
                    rates.append(block.sampleRate)
                    qualities.append(SampleColumns.storedQuality(block.quality))
                    values.append(Self.littleEndianFloats(block.values))
                }
                try await connection.query(
                    """
                    INSERT INTO telemetry_waveforms (series_id, start, sample_rate, quality, values_f32le)
                    SELECT id, timestamptz 'epoch' + start * interval '1 millisecond', rate, quality, samples
                    FROM unnest(\(ids)::integer[], \(starts)::bigint[], \(rates)::float8[], \(qualities)::integer[],
                        \(values)::bytea[]) AS w(id, start, rate, quality, samples)
                    ON CONFLICT (series_id, start) DO UPDATE SET sample_rate = excluded.sample_rate,
                        quality = excluded.quality, values_f32le = excluded.values_f32le
                    """, logger: logger)
            }
        }
    }

    public func waveforms(_ tag: TagPath, in range: TimeRange, limit: Int) async throws -> [Waveform] {
        try await state.checkOpen()
        guard (1...Self.maximumWaveformLimit).contains(limit) else {
            throw TelemetryError(
                .invalidQuery, "limit must be 1 to \(Self.maximumWaveformLimit) waveforms, not \(limit)")
        }
        guard let range = Self.storable(range) else { return [] }
        return try await connections.run("read waveforms") {
            try await connections.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT w.start, w.sample_rate, w.quality, w.values_f32le
                    FROM telemetry_waveforms w JOIN telemetry_series s ON s.id = w.series_id
                    WHERE s.tag = \(tag.description) AND w.start >= \(PostgresMilliseconds(range.from))
                        AND w.start < \(PostgresMilliseconds(range.to))
                    ORDER BY w.start LIMIT \(limit)
                    """, logger: logger)
                var answer: [Waveform] = []
                for try await (start, rate, quality, bytes) in rows.decode(
                    (PostgresMilliseconds, Double, Int32, ByteBuffer).self)
                {
                    guard let values = Self.floats(fromLittleEndian: bytes) else {
                        throw TelemetryError(
                            .corrupted,
                            "the waveform of '\(tag)' at \(start.milliseconds) holds \(bytes.readableBytes) bytes, not whole float32 values"
                        )
                    }
                    answer.append(
                        Waveform(
                            tag: tag, start: start.milliseconds, sampleRate: rate, values: values,
                            quality: Quality(statusCode: UInt32(bitPattern: quality))))
                }
                return answer
            }
        }
    }

    static func littleEndianFloats(_ values: [Float]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(values.count * 4)
        for value in values { buffer.writeInteger(value.bitPattern, endianness: .little) }
        return buffer
    }

    static func floats(fromLittleEndian bytes: ByteBuffer) -> [Float]? {
        var bytes = bytes
        guard bytes.readableBytes % 4 == 0 else { return nil }
        var values: [Float] = []
        values.reserveCapacity(bytes.readableBytes / 4)
        while let bits = bytes.readInteger(endianness: .little, as: UInt32.self) {
            values.append(Float(bitPattern: bits))
        }
        return values
    }
}

/// Identifies a waveform block: its tag and start.
private struct WaveformKey: Hashable {
    let tag: String
    let start: Int64
}
