import GantryCore

/// Where each chunk lives, which series exist, their string states, rollups and waveforms: the embedded
/// engine's SQLite catalogue (`index.sqlite` in the telemetry directory; schema in
/// docs/format/chunk-file.md).
///
/// Each flush enters its chunks, rollups and series watermarks in one transaction with `synchronous=FULL`,
/// so the index either names a flush completely or not at all.
final class ChunkIndex: @unchecked Sendable {
    let database: SQLiteHandle

    struct SeriesRow {
        let id: Int64
        let tag: TagPath
        let type: TagDataType
        let sealed: Int64?
    }

    struct ChunkRef: Sendable {
        let seriesID: Int64
        let minTimestamp: Int64
        let maxTimestamp: Int64
        let count: Int64
        let file: Int64
        let offset: Int64
        let length: Int64
    }

    init(path: String) throws {
        database = try SQLiteHandle(path: path)
        try database.execute(
            """
            PRAGMA auto_vacuum = INCREMENTAL;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS series (
                id INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE, data_type INTEGER NOT NULL, sealed INTEGER);
            CREATE TABLE IF NOT EXISTS series_states (
                series_id INTEGER NOT NULL, code INTEGER NOT NULL, text TEXT NOT NULL,
                PRIMARY KEY (series_id, code)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS chunks (
                series_id INTEGER NOT NULL, min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL,
                count INTEGER NOT NULL, file INTEGER NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL,
                PRIMARY KEY (series_id, min_ts)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS chunks_by_file ON chunks (file);
            CREATE TABLE IF NOT EXISTS rollups_1m (
                series_id INTEGER NOT NULL, hour INTEGER NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY (series_id, hour)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS rollups_1h (
                series_id INTEGER NOT NULL, bucket INTEGER NOT NULL, count INTEGER NOT NULL, sum REAL,
                min REAL, max REAL, first REAL, last REAL,
                quality INTEGER NOT NULL,
                PRIMARY KEY (series_id, bucket)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS waveforms (
                tag TEXT NOT NULL, start INTEGER NOT NULL, sample_rate REAL NOT NULL,
                quality INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (tag, start)) WITHOUT ROWID;
            """)
    }

    func close() { database.close() }

    // MARK: Series

    func loadSeries() throws -> [SeriesRow] {
        let statement = try database.prepare("SELECT id, tag, data_type, sealed FROM series ORDER BY id")
        var rows: [SeriesRow] = []
        while try statement.step() {
            guard let tag = try? TagPath(statement.string(1)), let type = WALBatch.type(code: UInt8(statement.int64(2)))
            else {
                throw TelemetryError(.corrupted, "\(database.path): series \(statement.int64(0)) has an unreadable tag")
            }
            rows.append(
                SeriesRow(
                    id: statement.int64(0), tag: tag, type: type, sealed: statement.isNull(3) ? nil : statement.int64(3)
                ))
        }
        return rows
    }

    func loadStates() throws -> [Int64: [String]] {
        let statement = try database.prepare("SELECT series_id, code, text FROM series_states ORDER BY series_id, code")
        var states: [Int64: [String]] = [:]
        while try statement.step() {
            states[statement.int64(0), default: []].append(statement.string(2))
        }
        return states
    }

    // MARK: Flushes

    /// Everything one flush enters, committed together.
    struct FlushEntry {
        var series: [(id: Int64, tag: TagPath, type: TagDataType, sealed: Int64?)] = []
        var newStates: [(seriesID: Int64, code: Int64, text: String)] = []
        var chunks: [ChunkRef] = []
        var minuteRollups: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)] = []
        var hourRollups: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)] = []
    }

    func commit(_ flush: FlushEntry) throws {
        try database.transaction {
            let series = try database.prepare(
                "INSERT INTO series (id, tag, data_type, sealed) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed"
            )
            for row in flush.series {
                series.bind(1, row.id)
                series.bind(2, row.tag.description)
                series.bind(3, Int64(WALBatch.typeCode(row.type)))
                if let sealed = row.sealed { series.bind(4, sealed) } else { series.bindNull(4) }
                try series.run()
            }
            let states = try database.prepare("INSERT OR REPLACE INTO series_states VALUES (?1, ?2, ?3)")
            for state in flush.newStates {
                states.bind(1, state.seriesID)
                states.bind(2, state.code)
                states.bind(3, state.text)
                try states.run()
            }
            let chunks = try database.prepare("INSERT OR REPLACE INTO chunks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            for chunk in flush.chunks {
                chunks.bind(1, chunk.seriesID)
                chunks.bind(2, chunk.minTimestamp)
                chunks.bind(3, chunk.maxTimestamp)
                chunks.bind(4, chunk.count)
                chunks.bind(5, chunk.file)
                chunks.bind(6, chunk.offset)
                chunks.bind(7, chunk.length)
                try chunks.run()
            }
            try upsertMinuteBlocks(flush.minuteRollups)
            try upsert(flush.hourRollups, into: "rollups_1h")
        }
    }

    /// Merges rollup entries into their buckets; an existing entry is the earlier part of the bucket.
    private func upsert(_ entries: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)], into table: String) throws {
        let statement = try database.prepare(
            """
            INSERT INTO \(table) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (series_id, bucket) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
                min = min(min, excluded.min), max = max(max, excluded.max), last = excluded.last,
                quality = CASE WHEN (excluded.quality >> 30) > (quality >> 30) THEN excluded.quality ELSE quality END
            """)
        for (seriesID, bucket, entry) in entries {
            statement.bind(1, seriesID)
            statement.bind(2, bucket)
            statement.bind(3, entry.count)
            statement.bind(4, entry.sum)
            statement.bind(5, entry.min)
            statement.bind(6, entry.max)
            statement.bind(7, entry.first)
            statement.bind(8, entry.last)
            statement.bind(9, Int64(entry.quality.statusCode))
            try statement.run()
        }
    }

    // MARK: Reading

    /// The chunks of a series that overlap `range`, oldest first.
    func chunks(of seriesID: Int64, overlapping range: TimeRange) throws -> [ChunkRef] {
        let statement = try database.prepare(
            "SELECT min_ts, max_ts, count, file, offset, length FROM chunks WHERE series_id = ?1 AND min_ts < ?3 AND max_ts >= ?2 ORDER BY min_ts"
        )
        statement.bind(1, seriesID)
        statement.bind(2, range.from)
        statement.bind(3, range.to)
        return try readChunkRefs(statement, seriesID: seriesID)
    }

    /// The newest chunk of a series holding a point before `timestamp`.
    func lastChunk(of seriesID: Int64, before timestamp: Int64) throws -> ChunkRef? {
        let statement = try database.prepare(
            "SELECT min_ts, max_ts, count, file, offset, length FROM chunks WHERE series_id = ?1 AND min_ts < ?2 ORDER BY min_ts DESC LIMIT 1"
        )
        statement.bind(1, seriesID)
        statement.bind(2, timestamp)
        return try readChunkRefs(statement, seriesID: seriesID).first
    }

    private func readChunkRefs(_ statement: SQLiteStatement, seriesID: Int64) throws -> [ChunkRef] {
        var refs: [ChunkRef] = []
        while try statement.step() {
            refs.append(
                ChunkRef(
                    seriesID: seriesID, minTimestamp: statement.int64(0), maxTimestamp: statement.int64(1),
                    count: statement.int64(2), file: statement.int64(3), offset: statement.int64(4),
                    length: statement.int64(5)))
        }
        return refs
    }

    /// Merges 1-minute entries into their series-hour blocks.
    private func upsertMinuteBlocks(_ entries: [(seriesID: Int64, bucket: Int64, entry: RollupEntry)]) throws {
        let select = try database.prepare("SELECT data FROM rollups_1m WHERE series_id = ?1 AND hour = ?2")
        let write = try database.prepare("INSERT OR REPLACE INTO rollups_1m VALUES (?1, ?2, ?3)")
        var start = 0
        while start < entries.count {
            let seriesID = entries[start].seriesID
            let hour = EmbeddedTelemetryStore.floorBucket(entries[start].bucket, width: 3_600_000)
            var end = start
            while end < entries.count, entries[end].seriesID == seriesID,
                EmbeddedTelemetryStore.floorBucket(entries[end].bucket, width: 3_600_000) == hour
            {
                end += 1
            }
            var block = entries[start..<end].map { (Int(($0.bucket - hour) / 60_000), $0.entry) }
            select.bind(1, seriesID)
            select.bind(2, hour)
            if try select.step() {
                let existing = try MinuteRollupBlock.decode(select.blob(0))
                block = MinuteRollupBlock.merge(existing, block)
            }
            select.reset()
            write.bind(1, seriesID)
            write.bind(2, hour)
            write.bind(3, MinuteRollupBlock.encode(block))
            try write.run()
            start = end
        }
    }

    /// 1-minute rollup entries of a series in `range`, oldest first.
    func minuteRollups(of seriesID: Int64, in range: TimeRange) throws -> [(bucket: Int64, entry: RollupEntry)] {
        let statement = try database.prepare(
            "SELECT hour, data FROM rollups_1m WHERE series_id = ?1 AND hour > ?2 AND hour < ?3 ORDER BY hour")
        statement.bind(1, seriesID)
        statement.bind(2, range.from - 3_600_000)
        statement.bind(3, range.to)
        var rows: [(Int64, RollupEntry)] = []
        while try statement.step() {
            let hour = statement.int64(0)
            for (minute, entry) in try MinuteRollupBlock.decode(statement.blob(1)) {
                let bucket = hour + Int64(minute) * 60_000
                if range.contains(bucket) { rows.append((bucket, entry)) }
            }
        }
        return rows
    }

    /// Rollup entries of a series with buckets in `range`, oldest first.
    func rollups(
        of seriesID: Int64, table: RollupTable, in range: TimeRange
    ) throws -> [(bucket: Int64, entry: RollupEntry)] {
        if table == .minute { return try minuteRollups(of: seriesID, in: range) }
        let statement = try database.prepare(
            "SELECT bucket, count, sum, min, max, first, last, quality FROM \(table.rawValue) WHERE series_id = ?1 AND bucket >= ?2 AND bucket < ?3 ORDER BY bucket"
        )
        statement.bind(1, seriesID)
        statement.bind(2, range.from)
        statement.bind(3, range.to)
        var rows: [(Int64, RollupEntry)] = []
        while try statement.step() {
            rows.append(
                (
                    statement.int64(0),
                    RollupEntry(
                        count: statement.int64(1), sum: statement.double(2), min: statement.double(3),
                        max: statement.double(4), first: statement.double(5), last: statement.double(6),
                        quality: Quality(statusCode: UInt32(truncatingIfNeeded: statement.int64(7))))
                ))
        }
        return rows
    }

    enum RollupTable: String {
        case minute = "rollups_1m"
        case hour = "rollups_1h"

        var width: Int64 { self == .minute ? 60_000 : 3_600_000 }
    }

    /// The chunk files the index names.
    func referencedFiles() throws -> Set<Int64> {
        let statement = try database.prepare("SELECT DISTINCT file FROM chunks")
        var files: Set<Int64> = []
        while try statement.step() { files.insert(statement.int64(0)) }
        return files
    }
}
