import Foundation
import GantryCore

extension EmbeddedTelemetryStore {
    /// Drops the chunks, rollups and waveforms the rules have aged out, then deletes every chunk file no
    /// chunk of the index points into any more, and rewrites files left mostly dead, so the disk really
    /// shrinks.
    ///
    /// Whole chunks only: a chunk reaching past the horizon stays until all of it has aged out (chunks end at
    /// hour boundaries, so retention is exact to the hour).
    public func applyRetention(_ rules: [RetentionRule], now: Int64) async throws -> RetentionReport {
        try checkOpen()
        // What has left the out-of-order window goes into chunks first, so the rules see all of it.
        try await flush()
        var dropped = 0
        try index.database.transaction {
            for item in series {
                guard let rule = RetentionRule.rule(for: item.tag, in: rules) else { continue }
                dropped += try index.dropChunks(of: item.id, endingBefore: now - rule.keep)
            }
            for tag in try index.waveformTags() {
                guard let path = try? TagPath(tag), let rule = RetentionRule.rule(for: path, in: rules) else {
                    continue
                }
                dropped += try index.deleteWaveforms(of: tag, before: now - rule.keep)
            }
        }
        let referenced = try index.referencedFiles()
        var freed: Int64 = 0
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: chunkDirectory) {
            guard name.hasSuffix(".chunks"), let number = Int64(name.dropLast(".chunks".count)),
                !referenced.contains(number), number < nextChunkFile - 1 || flushTask == nil
            else { continue }
            let path = chunkDirectory + "/" + name
            let size = (try? files.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            try files.removeItem(atPath: path)
            freed += size
        }
        freed += try compactSparseFiles()
        try ChunkFile.syncDirectory(chunkDirectory)
        try index.database.execute("PRAGMA incremental_vacuum")
        logger.info("applied telemetry retention", metadata: ["chunks": "\(dropped)", "freedBytes": "\(freed)"])
        return RetentionReport(droppedChunks: dropped, freedBytes: freed)
    }
}

extension EmbeddedTelemetryStore {
    /// Rewrites each file that retention left mostly dead (under half its bytes still indexed) with only its
    /// live chunks: a file shared by a short-kept and a long-kept series shrinks too.
    ///
    /// The new file is written and synced, then one transaction points the chunks at it, then the old
    /// file goes; a crash in between leaves an unindexed file that the next open deletes.
    /// - Returns: the bytes given back.
    private func compactSparseFiles() throws -> Int64 {
        var freed: Int64 = 0
        for (file, live) in try index.liveBytesPerFile() {
            let path = chunkDirectory + "/" + ChunkFile.name(file)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            guard live + Int64(ChunkFile.header.count) < size / 2 else { continue }
            do {
                let chunks = try index.chunks(inFile: file)
                let payloads = try chunks.map {
                    try ChunkFile.readChunk(path: path, offset: $0.offset, length: $0.length)
                }
                let number = nextChunkFile
                nextChunkFile += 1
                let layout = ChunkFile.layout(payloads)
                try ChunkFile.write(
                    layout.bytes, to: chunkDirectory + "/" + ChunkFile.name(number), directory: chunkDirectory)
                try index.relocate(chunks, to: number, extents: layout.extents)
                try FileManager.default.removeItem(atPath: path)
                freed += size - Int64(layout.bytes.count)
            } catch {
                // A damaged file stays as it is (its readable chunks stay readable); retention goes on.
                logger.error("could not compact a chunk file", metadata: ["file": "\(path)", "error": "\(error)"])
            }
        }
        return freed
    }
}

extension ChunkIndex {
    /// The bytes each chunk file still holds for the index.
    func liveBytesPerFile() throws -> [(file: Int64, bytes: Int64)] {
        let statement = try database.prepare("SELECT file, SUM(length) FROM chunks GROUP BY file ORDER BY file")
        var files: [(Int64, Int64)] = []
        while try statement.step() { files.append((statement.int64(0), statement.int64(1))) }
        return files
    }

    /// The chunks that live in `file`, in file order.
    func chunks(inFile file: Int64) throws -> [ChunkRef] {
        let statement = try database.prepare(
            "SELECT series_id, min_ts, max_ts, count, offset, length FROM chunks WHERE file = ?1 ORDER BY offset")
        statement.bind(1, file)
        var refs: [ChunkRef] = []
        while try statement.step() {
            refs.append(
                ChunkRef(
                    seriesID: statement.int64(0), minTimestamp: statement.int64(1), maxTimestamp: statement.int64(2),
                    count: statement.int64(3), file: file, offset: statement.int64(4), length: statement.int64(5)))
        }
        return refs
    }

    /// Points `chunks` at their new place in `file`, all in one transaction.
    func relocate(_ chunks: [ChunkRef], to file: Int64, extents: [(offset: Int64, length: Int64)]) throws {
        try database.transaction {
            let statement = try database.prepare(
                "UPDATE chunks SET file = ?1, offset = ?2, length = ?3 WHERE series_id = ?4 AND min_ts = ?5")
            for (chunk, extent) in zip(chunks, extents) {
                statement.bind(1, file)
                statement.bind(2, extent.offset)
                statement.bind(3, extent.length)
                statement.bind(4, chunk.seriesID)
                statement.bind(5, chunk.minTimestamp)
                try statement.run()
            }
        }
    }

    /// Deletes a series' chunks and rollups that end before `horizon`; returns how many chunks.
    func dropChunks(of seriesID: Int64, endingBefore horizon: Int64) throws -> Int {
        let chunks = try database.prepare("DELETE FROM chunks WHERE series_id = ?1 AND max_ts < ?2")
        chunks.bind(1, seriesID)
        chunks.bind(2, horizon)
        try chunks.run()
        let count = database.changes
        // Minute rollups are kept in series-hour blocks, so both tables go by the hour.
        for (table, column) in [(RollupTable.minute, "hour"), (.hour, "bucket")] {
            let rollups = try database.prepare(
                "DELETE FROM \(table.rawValue) WHERE series_id = ?1 AND \(column) + 3600000 <= ?2")
            rollups.bind(1, seriesID)
            rollups.bind(2, horizon)
            try rollups.run()
        }
        return count
    }

    func waveformTags() throws -> [String] {
        let statement = try database.prepare("SELECT DISTINCT tag FROM waveforms")
        var tags: [String] = []
        while try statement.step() { tags.append(statement.string(0)) }
        return tags
    }
}
