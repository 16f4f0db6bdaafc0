import Foundation
import GantryCore
import Logging

/// The default telemetry store: a write-ahead log, an in-memory head per series, and compressed chunk files
/// indexed in SQLite, all in one directory.
///
/// Appends land in the heads and the log; `append` returns once the log's group commit synced them. A
/// flush (when the log or the heads grow past their limits) compresses points older than the out-of-order
/// window into a new chunk file, enters it in the index, and only then deletes the log segments it
/// replaces, so every acknowledged point is always in a synced log segment or a committed chunk.
public actor EmbeddedTelemetryStore: TelemetryStore {
    let configuration: EmbeddedTelemetryConfiguration
    let admission: SampleAdmission
    let logger: Logger
    /// Held from open to close, so no second store works in the same directory.
    let lock: DirectoryLock
    let index: ChunkIndex
    let walDirectory: String
    let chunkDirectory: String

    var series: [EmbeddedSeries] = []
    var seriesByTag: [TagPath: Int] = [:]
    var nextSeriesID: Int64 = 1
    var wal: WriteAheadLog
    var walSegment: Int64
    var walBytes = 0
    /// Points held in all heads.
    var headPoints = 0
    var nextChunkFile: Int64
    var flushTask: Task<Void, any Error>?
    /// Set when a flush failed: the log may hold what the chunks do not, so nothing more is accepted until
    /// a restart replays it.
    var failure: (any Error)?
    var isClosed = false
    /// What the last open found damaged and stepped over, each naming the file and byte offset.
    var damage: [String] = []

    init(
        configuration: EmbeddedTelemetryConfiguration, logger: Logger, lock: DirectoryLock, index: ChunkIndex,
        wal: WriteAheadLog, walSegment: Int64, nextChunkFile: Int64
    ) {
        self.configuration = configuration
        self.admission = SampleAdmission(
            outOfOrderWindow: configuration.outOfOrderWindow, futureBound: configuration.futureBound)
        self.logger = logger
        self.lock = lock
        self.index = index
        self.walDirectory = configuration.directory + "/wal"
        self.chunkDirectory = configuration.directory + "/chunks"
        self.wal = wal
        self.walSegment = walSegment
        self.nextChunkFile = nextChunkFile
    }

    // MARK: Appending

    public func append(_ batch: [SeriesPoints]) async throws {
        try checkOpen()
        var entries = resolve(batch)
        try validate(&entries, now: configuration.clock())
        let paths = entries.map { entry in
            entry.position.map { series[$0].pathBytes } ?? Array(entry.series.tag.description.utf8)
        }
        let payload = WALBatch.encode(entries.map(\.series), types: entries.map(\.type), paths: paths)
        guard payload.count <= WALFormat.maximumPayload else {
            throw TelemetryError(
                .tooLarge,
                "a batch of \(payload.count) bytes exceeds the \(WALFormat.maximumPayload) bytes one append may log; split it"
            )
        }
        for entry in entries {
            let position = entry.position ?? seriesPosition(for: entry.series.tag, type: entry.type)
            let before = series[position].head.points.count
            for point in entry.series.points { insert(point, into: position) }
            headPoints += series[position].head.points.count - before
        }
        walBytes += payload.count + WALFormat.recordHeaderSize
        let log = wal
        scheduleFlushIfNeeded()
        try await log.append(payload)
        // Back-pressure: when flushes cannot keep up, writers wait for one instead of growing memory.
        if headPoints > configuration.headPointLimit * 2, let flushTask {
            try await flushTask.value
        }
    }

    /// One entry of a batch, with the series it goes to (nil: a new tag) and that series' type.
    struct ResolvedEntry {
        var series: SeriesPoints
        var position: Int?
        var type: TagDataType = .double
    }

    /// Finds each entry's series once, and merges entries of the same tag so the checks see every point of
    /// a tag in order.
    private func resolve(_ batch: [SeriesPoints]) -> [ResolvedEntry] {
        var entries: [ResolvedEntry] = []
        entries.reserveCapacity(batch.count)
        var byPosition: [Int: Int] = [:]
        var byNewTag: [TagPath: Int] = [:]
        for entry in batch where !entry.points.isEmpty {
            if let position = seriesByTag[entry.tag] {
                if let index = byPosition[position] {
                    entries[index].series.points += entry.points
                } else {
                    byPosition[position] = entries.count
                    entries.append(ResolvedEntry(series: entry, position: position))
                }
            } else if let index = byNewTag[entry.tag] {
                entries[index].series.points += entry.points
            } else {
                byNewTag[entry.tag] = entries.count
                entries.append(ResolvedEntry(series: entry, position: nil))
            }
        }
        return entries
    }

    /// Checks the whole batch before anything is stored, so a refused batch leaves no trace; fills in each
    /// entry's type.
    private func validate(_ entries: inout [ResolvedEntry], now: Int64) throws(TelemetryError) {
        for index in entries.indices {
            let entry = entries[index].series
            let existing = entries[index].position.map { series[$0] }
            let type = existing?.type ?? entry.points[0].value.dataType
            entries[index].type = type
            var newest = existing?.newest
            let sealed = existing?.sealed
            for point in entry.points {
                guard point.value.dataType == type else {
                    throw TelemetryError(
                        .wrongType,
                        "tag \(entry.tag) holds \(type.rawValue) values; a \(point.value.dataType.rawValue) value at \(Timestamp(millisecondsSinceEpoch: point.timestamp)) cannot join them"
                    )
                }
                do {
                    try admission.check(point.timestamp, newest: newest, sealed: sealed, now: now)
                } catch {
                    throw TelemetryError(error.code, "tag \(entry.tag): \(error.message)")
                }
                if newest == nil || point.timestamp > newest! { newest = point.timestamp }
            }
        }
    }

    func seriesPosition(for tag: TagPath, type: TagDataType) -> Int {
        if let position = seriesByTag[tag] { return position }
        let position = series.count
        series.append(EmbeddedSeries(id: nextSeriesID, tag: tag, type: type, admission: admission))
        nextSeriesID += 1
        seriesByTag[tag] = position
        return position
    }

    /// Puts an admitted (or replayed) point into its series' head.
    func insert(_ point: TelemetryPoint, into position: Int) {
        let stored = StoredPoint(
            timestamp: point.timestamp, bits: series[position].bits(of: point.value), quality: point.quality)
        series[position].head.merge(stored)
        series[position].newest = max(series[position].newest ?? point.timestamp, point.timestamp)
        if let latest = series[position].latest, latest.timestamp > point.timestamp { return }
        series[position].latest = stored
    }

    func checkOpen() throws {
        guard !isClosed else { throw TelemetryError(.closed, "the telemetry store is closed") }
        if let failure { throw failure }
    }

    // MARK: Waveforms

    public func append(waveforms: [Waveform]) async throws {
        try checkOpen()
        let now = configuration.clock()
        for waveform in waveforms {
            guard !waveform.values.isEmpty, waveform.sampleRate > 0, waveform.sampleRate.isFinite else {
                throw TelemetryError(
                    .invalidWaveform,
                    "a waveform of \(waveform.tag) needs at least one value and a positive sample rate (got \(waveform.values.count) values at \(waveform.sampleRate) Hz)"
                )
            }
            try admission.check(waveform.start, newest: nil, now: now)
        }
        try index.insert(waveforms: waveforms)
    }

    public func waveforms(_ tag: TagPath, in range: TimeRange, limit: Int) async throws -> [Waveform] {
        try checkOpen()
        guard (1...1000).contains(limit) else {
            throw TelemetryError(.invalidQuery, "a waveform page holds 1 to 1000 blocks, not \(limit)")
        }
        return try index.waveforms(of: tag, in: range, limit: limit)
    }

    // MARK: Closing

    public func close() async throws {
        guard !isClosed else { return }
        if let flushTask { try? await flushTask.value }
        // A failed last flush still lets go of the files: the log holds what it could not write, and the next
        // open replays it.
        var flushFailure: (any Error)?
        if failure == nil {
            do { try await flush() } catch { flushFailure = error }
        }
        isClosed = true
        await wal.close()
        index.close()
        lock.release()
        if let flushFailure { throw flushFailure }
    }

    /// Lets go of the directory as a crash would, without flushing: what was acknowledged stays in the log,
    /// and the next open replays it. A flush already running is waited for, so it cannot write into the
    /// directory after the next store opened it. For recovery tests, and for a shutdown that must not wait
    /// for a flush of the heads.
    public func abandon() async {
        guard !isClosed else { return }
        isClosed = true
        if let flushTask { _ = try? await flushTask.value }
        await wal.close()
        index.close()
        lock.release()
    }
}

extension EmbeddedTelemetryStore {
    /// What the engine holds right now: for metrics, and for tests of its memory bound.
    public struct Statistics: Sendable, Hashable {
        public let series: Int
        /// Uncompressed points in the heads.
        public let headPoints: Int
        /// Bytes in the current log segment.
        public let walBytes: Int
        /// Damage the last open stepped over, each naming the file and byte offset.
        public let damage: [String]
    }

    public var statistics: Statistics {
        Statistics(series: series.count, headPoints: headPoints, walBytes: walBytes, damage: damage)
    }
}
