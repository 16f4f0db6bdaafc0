import Foundation
import GantryCore
import NIOPosix

extension EmbeddedTelemetryStore {
    /// One series' drained points on their way into a chunk file.
    struct FlushWork: Sendable {
        let position: Int
        let seriesID: Int64
        let type: TagDataType
        let points: [StoredPoint]
    }

    /// Compresses the heads into a chunk file now and starts a new log segment; waits for a flush in flight.
    public func flush() async throws {
        try await flush(retiring: [])
    }

    func flush(retiring: [Int64]) async throws {
        while let running = flushTask { _ = try? await running.value }
        let task = Task { try await self.performFlush(retiring: retiring) }
        flushTask = task
        try await task.value
    }

    func scheduleFlushIfNeeded() {
        guard flushTask == nil, failure == nil,
            walBytes >= configuration.walByteLimit || headPoints >= configuration.headPointLimit
        else { return }
        flushTask = Task { try await self.performFlush(retiring: []) }
    }

    /// The flush itself: drain and switch segments at once (no append can come between), compress and
    /// write off the actor, commit the index, then delete the log segments the commit made redundant.
    private func performFlush(retiring: [Int64]) async throws {
        do {
            let work = drainHeads()
            let carried = carryOverRecord()
            let segment = walSegment + 1
            let newLog = try WriteAheadLog.create(
                path: walDirectory + "/" + Self.segmentName(segment), firstRecord: carried)
            try ChunkFile.syncDirectory(walDirectory)
            let retired = retiring + [walSegment]
            wal = newLog
            walSegment = segment
            walBytes = carried.count
            var entry = ChunkIndex.FlushEntry()
            for position in series.indices where series[position].isDirty {
                let item = series[position]
                entry.series.append((item.id, item.tag, item.type, item.sealed))
                for code in item.persistedStates..<item.states.count {
                    entry.newStates.append((item.id, Int64(code), item.states[code]))
                }
            }
            let stateCounts = series.map(\.states.count)
            if !work.isEmpty {
                let number = nextChunkFile
                nextChunkFile += 1
                let path = chunkDirectory + "/" + ChunkFile.name(number)
                let directory = chunkDirectory
                let chunkPointLimit = configuration.chunkPointLimit
                let compressed = try await NIOThreadPool.singleton.runIfActive {
                    let compressed = Self.compress(work, file: number, chunkPointLimit: chunkPointLimit)
                    try ChunkFile.write(compressed.bytes, to: path, directory: directory)
                    return compressed
                }
                entry.chunks = compressed.chunks
                entry.minuteRollups = compressed.minuteRollups
                entry.hourRollups = compressed.hourRollups
            }
            try index.commit(entry)
            // Keep the index's own journal from growing with every flush.
            try index.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for item in work { series[item.position].pending = [] }
            for position in stateCounts.indices {
                series[position].persistedStates = stateCounts[position]
                series[position].isDirty = false
            }
            for number in retired {
                let path = walDirectory + "/" + Self.segmentName(number)
                if unlink(path) != 0 && errno != ENOENT {
                    throw TelemetryError(.io, "\(path): cannot delete a flushed log segment: errno \(errno)")
                }
            }
            try ChunkFile.syncDirectory(walDirectory)
            flushTask = nil
        } catch {
            logger.error("telemetry flush failed; restart to replay the log", metadata: ["error": "\(error)"])
            failure = error
            flushTask = nil
            throw error
        }
    }

    /// Takes out of the heads every point older than the out-of-order window behind its series' newest
    /// point or the server clock, whichever is later (all points when the heads would still hold more than
    /// half the memory limit), and seals the series there.
    private func drainHeads() -> [FlushWork] {
        var work: [FlushWork] = []
        var drained = 0
        let now = configuration.clock()
        for position in series.indices {
            guard let newest = series[position].head.newest else { continue }
            // A series that went quiet is drained whole: waiting for late points older than the window
            // before the server's clock would keep its tail in memory for good.
            let boundary = max(newest, now) - configuration.outOfOrderWindow
            let points = series[position].head.drain(before: boundary)
            if !points.isEmpty {
                work.append(
                    FlushWork(
                        position: position, seriesID: series[position].id, type: series[position].type, points: points))
                drained += points.count
            }
        }
        if headPoints - drained > configuration.headPointLimit / 2 {
            for position in series.indices where !series[position].head.points.isEmpty {
                let points = series[position].head.drainAll()
                drained += points.count
                if let existing = work.firstIndex(where: { $0.position == position }) {
                    work[existing] = FlushWork(
                        position: position, seriesID: series[position].id, type: series[position].type,
                        points: work[existing].points + points)
                } else {
                    work.append(
                        FlushWork(
                            position: position, seriesID: series[position].id, type: series[position].type,
                            points: points))
                }
            }
        }
        for item in work {
            series[item.position].pending = item.points
            series[item.position].sealed = max(series[item.position].sealed ?? .min, item.points.last!.timestamp)
            series[item.position].isDirty = true
        }
        headPoints -= drained
        return work
    }

    /// What stays in the heads, as the first record of the next log segment.
    private func carryOverRecord() -> [UInt8] {
        var batch: [SeriesPoints] = []
        var types: [TagDataType] = []
        for item in series where !item.head.points.isEmpty {
            batch.append(SeriesPoints(tag: item.tag, points: item.head.points.map(item.telemetryPoint)))
            types.append(item.type)
        }
        return batch.isEmpty ? [] : WALBatch.encode(batch, types: types)
    }

    struct Compressed: Sendable {
        var bytes: [UInt8] = []
        var chunks: [ChunkIndex.ChunkRef] = []
        var minuteRollups: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)] = []
        var hourRollups: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)] = []
    }

    /// Encodes the chunks of one flush and the rollups of their points.
    static func compress(_ work: [FlushWork], file: Int64, chunkPointLimit: Int) -> Compressed {
        var payloads: [[UInt8]] = []
        var spans: [(seriesID: Int64, first: Int64, last: Int64, count: Int64)] = []
        var result = Compressed()
        for item in work {
            var start = 0
            while start < item.points.count {
                // Chunks end at hour boundaries too, so retention, which drops whole chunks, cuts close to
                // its horizon.
                let hour = floorBucket(item.points[start].timestamp, width: 3_600_000)
                var end = min(start + chunkPointLimit, item.points.count)
                if item.points[end - 1].timestamp >= hour + 3_600_000 {
                    end = item.points[start..<end].firstIndex { $0.timestamp >= hour + 3_600_000 } ?? end
                }
                let slice = item.points[start..<end]
                payloads.append(ChunkCodec.encode(slice, type: item.type))
                spans.append((item.seriesID, slice.first!.timestamp, slice.last!.timestamp, Int64(slice.count)))
                start = end
            }
            guard item.type != .string else { continue }
            let minutes = rollups(of: item, width: 60_000)
            result.minuteRollups += minutes
            // Hours fold from the minutes: sixty entries instead of 3 600 points.
            for minute in minutes {
                let hour = floorBucket(minute.bucket, width: 3_600_000)
                if let last = result.hourRollups.indices.last, result.hourRollups[last].seriesID == item.seriesID,
                    result.hourRollups[last].bucket == hour
                {
                    result.hourRollups[last].entry.merge(later: minute.entry)
                } else {
                    result.hourRollups.append((item.seriesID, hour, minute.entry))
                }
            }
        }
        let layout = ChunkFile.layout(payloads)
        result.bytes = layout.bytes
        result.chunks = zip(spans, layout.extents).map { span, extent in
            ChunkIndex.ChunkRef(
                seriesID: span.seriesID, minTimestamp: span.first, maxTimestamp: span.last, count: span.count,
                file: file, offset: extent.offset, length: extent.length)
        }
        return result
    }

    private static func rollups(
        of item: FlushWork, width: Int64
    ) -> [(seriesID: Int64, bucket: Int64, entry: RollupEntry)] {
        var rows: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)] = []
        for point in item.points {
            guard let value = point.foldable(item.type) else { continue }
            let bucket = floorBucket(point.timestamp, width: width)
            if let last = rows.indices.last, rows[last].bucket == bucket {
                rows[last].entry.add(value, quality: point.quality)
            } else {
                rows.append((item.seriesID, bucket, RollupEntry(value, quality: point.quality)))
            }
        }
        return rows
    }

    static func floorBucket(_ timestamp: Int64, width: Int64) -> Int64 {
        let remainder = timestamp % width
        return remainder >= 0 ? timestamp - remainder : timestamp - remainder - width
    }
}
