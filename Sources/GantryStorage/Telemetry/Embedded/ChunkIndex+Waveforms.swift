import GantryCore

/// Waveform blocks live in the index itself: each is one row with its values as little-endian float32,
/// written in one synced transaction, so a block is stored whole or not at all.
extension ChunkIndex {
    func insert(waveforms: [Waveform]) throws {
        try database.transaction {
            let statement = try database.prepare("INSERT OR REPLACE INTO waveforms VALUES (?1, ?2, ?3, ?4, ?5)")
            for waveform in waveforms {
                var writer = ByteWriter(reservingCapacity: waveform.values.count * 4)
                for value in waveform.values { writer.append(value.bitPattern) }
                statement.bind(1, waveform.tag.description)
                statement.bind(2, waveform.start)
                statement.bind(3, waveform.sampleRate)
                statement.bind(4, Int64(waveform.quality.statusCode))
                statement.bind(5, writer.bytes)
                try statement.run()
            }
        }
    }

    func waveforms(of tag: TagPath, in range: TimeRange, limit: Int) throws -> [Waveform] {
        let statement = try database.prepare(
            "SELECT start, sample_rate, quality, data FROM waveforms WHERE tag = ?1 AND start >= ?2 AND start < ?3 ORDER BY start LIMIT ?4"
        )
        statement.bind(1, tag.description)
        statement.bind(2, range.from)
        statement.bind(3, range.to)
        statement.bind(4, Int64(limit))
        var blocks: [Waveform] = []
        while try statement.step() {
            var reader = ByteReader(statement.blob(3))
            var values: [Float] = []
            while !reader.isAtEnd {
                guard let bits = try? reader.read(UInt32.self) else {
                    throw TelemetryError(
                        .corrupted, "\(database.path): the waveform of \(tag) at \(statement.int64(0)) is cut short")
                }
                values.append(Float(bitPattern: bits))
            }
            blocks.append(
                Waveform(
                    tag: tag, start: statement.int64(0), sampleRate: statement.double(1), values: values,
                    quality: Quality(statusCode: UInt32(truncatingIfNeeded: statement.int64(2)))))
        }
        return blocks
    }

    /// Deletes the blocks of `tag` that started before `horizon`; returns how many.
    func deleteWaveforms(of tag: String, before horizon: Int64) throws -> Int {
        let statement = try database.prepare("DELETE FROM waveforms WHERE (tag = ?1 OR tag LIKE ?2) AND start < ?3")
        statement.bind(1, tag)
        statement.bind(2, tag + "/%")
        statement.bind(3, horizon)
        try statement.run()
        return database.changes
    }
}
