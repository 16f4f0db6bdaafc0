import GantryCore
import GantryStorage

/// The usual embedded choice the benchmark compares against: SQLite, one row per sample, WAL journal,
/// `synchronous=FULL` so a commit is durable, one transaction per batch, a prepared insert.
public final class SQLiteBaseline: BenchEngine, @unchecked Sendable {
    public let name = "sqlite"
    private let database: SQLiteHandle
    private let path: String
    private var tagIDs: [TagPath: Int64] = [:]
    private let insert: SQLiteStatement

    public init(path: String) throws {
        self.path = path
        database = try SQLiteHandle(path: path)
        try database.execute(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS samples (
                tag_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, quality INTEGER NOT NULL,
                PRIMARY KEY (tag_id, ts)) WITHOUT ROWID;
            """)
        insert = try database.prepare("INSERT OR REPLACE INTO samples VALUES (?1, ?2, ?3, ?4)")
    }

    public var takesConcurrentWriters: Bool { false }

    private func id(of tag: TagPath) -> Int64 {
        if let id = tagIDs[tag] { return id }
        let id = Int64(tagIDs.count + 1)
        tagIDs[tag] = id
        return id
    }

    public func append(_ batch: [SeriesPoints]) async throws {
        try database.transaction {
            for series in batch {
                let tagID = id(of: series.tag)
                for point in series.points {
                    guard case .double(let value) = point.value else { continue }
                    insert.bind(1, tagID)
                    insert.bind(2, point.timestamp)
                    insert.bind(3, value)
                    insert.bind(4, Int64(point.quality.statusCode))
                    try insert.run()
                }
            }
        }
    }

    public func settle() async throws {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    public func hourBuckets(_ tags: [TagPath], _ range: TimeRange) async throws -> Int {
        let statement = try database.prepare(
            "SELECT ts / 3600000 AS hour, avg(value) FROM samples WHERE tag_id = ?1 AND ts >= ?2 AND ts < ?3 GROUP BY hour ORDER BY hour"
        )
        var buckets = 0
        for tag in tags {
            statement.bind(1, id(of: tag))
            statement.bind(2, range.from)
            statement.bind(3, range.to)
            while try statement.step() { buckets += 1 }
            statement.reset()
        }
        return buckets
    }

    public func bytesOnDisk() async throws -> Int64 {
        directorySize(String(path[..<path.lastIndex(of: "/")!]))
    }

    public func close() async throws { database.close() }
}
