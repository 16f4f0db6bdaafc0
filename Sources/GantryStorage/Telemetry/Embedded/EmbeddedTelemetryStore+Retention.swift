import Foundation
import GantryCore

extension EmbeddedTelemetryStore {
    /// Drops the chunks, rollups and waveforms the rules have aged out, then deletes every chunk file no
    /// chunk of the index points into any more, so the disk really shrinks.
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
        try ChunkFile.syncDirectory(chunkDirectory)
        try index.database.execute("PRAGMA incremental_vacuum")
        logger.info("applied telemetry retention", metadata: ["chunks": "\(dropped)", "freedBytes": "\(freed)"])
        return RetentionReport(droppedChunks: dropped, freedBytes: freed)
    }
}

extension ChunkIndex {
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
