import Foundation
import GantryCore
import Logging

extension EmbeddedTelemetryStore {
    /// Opens the engine in `configuration.directory`: takes the directory's lock, loads the index, deletes
    /// chunk files a crash left unindexed, replays every log segment, then flushes so the replayed log can go.
    ///
    /// - Throws: ``TelemetryError`` or ``WALError`` naming the file and offset when acknowledged data is
    ///   damaged; nothing is cut then. ``TelemetryError/Code/locked`` when another store holds the directory.
    public static func open(
        _ configuration: EmbeddedTelemetryConfiguration, logger: Logger = Logger(label: "gantry.telemetry")
    ) async throws -> EmbeddedTelemetryStore {
        let directory = configuration.directory
        let walDirectory = directory + "/wal"
        let chunkDirectory = directory + "/chunks"
        let files = FileManager.default
        for folder in [directory, walDirectory, chunkDirectory] {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let lock = try DirectoryLock(directory: directory)
        do {
            return try await open(configuration, holding: lock, logger: logger)
        } catch {
            lock.release()
            throw error
        }
    }

    private static func open(
        _ configuration: EmbeddedTelemetryConfiguration, holding lock: DirectoryLock, logger: Logger
    ) async throws -> EmbeddedTelemetryStore {
        let directory = configuration.directory
        let walDirectory = directory + "/wal"
        let chunkDirectory = directory + "/chunks"
        let files = FileManager.default
        let index = try ChunkIndex(path: directory + "/index.sqlite")
        let referenced = try index.referencedFiles()
        var nextChunkFile: Int64 = (referenced.max() ?? 0) + 1
        for name in try files.contentsOfDirectory(atPath: chunkDirectory) {
            guard name.hasSuffix(".chunks"), let number = Int64(name.dropLast(".chunks".count)) else { continue }
            nextChunkFile = max(nextChunkFile, number + 1)
            if !referenced.contains(number) {
                logger.notice("deleting a chunk file no flush committed", metadata: ["file": "\(name)"])
                try files.removeItem(atPath: chunkDirectory + "/" + name)
            }
        }
        let segments = try files.contentsOfDirectory(atPath: walDirectory)
            .compactMap { name in name.hasSuffix(".wal") ? Int64(name.dropLast(".wal".count)) : nil }
            .sorted()
        let segment = (segments.last ?? 0) + 1
        let wal = try WriteAheadLog.create(path: walDirectory + "/" + segmentName(segment), firstRecord: nil)
        let store = EmbeddedTelemetryStore(
            configuration: configuration, logger: logger, lock: lock, index: index, wal: wal, walSegment: segment,
            nextChunkFile: nextChunkFile)
        try await store.load(replaying: segments)
        return store
    }

    static func segmentName(_ number: Int64) -> String {
        zeroPadded(number, width: 8) + ".wal"
    }

    private func load(replaying segments: [Int64]) async throws {
        let states = try index.loadStates()
        for row in try index.loadSeries() {
            var entry = EmbeddedSeries(id: row.id, tag: row.tag, type: row.type, admission: admission)
            entry.sealed = row.sealed
            entry.newest = row.sealed
            entry.isDirty = false
            for text in states[row.id] ?? [] { _ = entry.bits(of: .string(text)) }
            entry.persistedStates = entry.states.count
            seriesByTag[row.tag] = series.count
            series.append(entry)
            nextSeriesID = max(nextSeriesID, row.id + 1)
        }
        var replayed = 0
        var damagedSegments: [Int64] = []
        for segment in segments {
            let path = walDirectory + "/" + Self.segmentName(segment)
            guard let bytes = try WALFile.readAll(path: path) else { continue }
            let replay = try WALReplay.salvage(bytes, path: path)
            for stretch in replay.damaged {
                let report =
                    "\(path) at byte \(stretch.offset): \(stretch.length) bytes fail their CRC32C check and were skipped; the segment is kept as \(Self.segmentName(segment)).damaged"
                logger.error("damaged write-ahead log", metadata: ["damage": "\(report)"])
                damage.append(report)
            }
            if !replay.damaged.isEmpty { damagedSegments.append(segment) }
            if replay.tornBytes > 0 {
                logger.warning(
                    "cut a torn record at the end of a log segment (never acknowledged)",
                    metadata: ["file": "\(path)", "bytes": "\(replay.tornBytes)"])
            }
            for record in replay.records {
                replayed += try replayRecord(record, path: path)
            }
        }
        headPoints = series.reduce(0) { $0 + $1.head.points.count }
        if replayed > 0 {
            logger.info("replayed the write-ahead log", metadata: ["points": "\(replayed)"])
        }
        // The replayed segments stay until this flush commits their points or carries them over; damaged
        // ones are set aside for inspection instead of deleted.
        try await flush(retiring: segments.filter { !damagedSegments.contains($0) })
        for segment in damagedSegments {
            let path = walDirectory + "/" + Self.segmentName(segment)
            try FileManager.default.moveItem(atPath: path, toPath: path + ".damaged")
        }
    }

    /// Replays one batch record; points the chunks already hold are skipped.
    private func replayRecord(_ record: [UInt8], path: String) throws -> Int {
        let batch: [(SeriesPoints, TagDataType)]
        do {
            batch = try WALBatch.decode(record)
        } catch {
            throw TelemetryError(
                .corrupted,
                "\(path): a record passes its checksum but does not parse at byte \(error.offset) of its payload")
        }
        var count = 0
        for (entry, type) in batch {
            let position = seriesPosition(for: entry.tag, type: type)
            guard series[position].type == type else {
                throw TelemetryError(
                    .corrupted,
                    "\(path): tag \(entry.tag) is logged as \(type.rawValue), indexed as \(series[position].type.rawValue)"
                )
            }
            let sealed = series[position].sealed ?? .min
            for point in entry.points where point.timestamp > sealed {
                insert(point, into: position)
                count += 1
            }
        }
        return count
    }
}
