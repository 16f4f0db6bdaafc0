internal import VaporCSQLite

/// A plain, synchronous SQLite connection over the SQLite that sqlite-nio already vendors and links.
///
/// The telemetry chunk index and the storage benchmark's baseline need prepared statements stepped in a
/// tight loop; going through an event loop per row would cost more than the row. The vendored copy keeps
/// one SQLite in the binary (its symbols carry sqlite-nio's `sqlite_nio_` prefix). Used by one actor at a
/// time, so no locking here.
public final class SQLiteHandle: @unchecked Sendable {
    public let path: String
    private var database: OpaquePointer?

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws(SQLiteFailure) {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            if let handle { sqlite_nio_sqlite3_close(handle) }
            throw SQLiteFailure(path: path, status: status, "cannot open the database")
        }
        self.database = handle
        sqlite_nio_sqlite3_busy_timeout(handle, 5000)
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws(SQLiteFailure) {
        let status = sqlite_nio_sqlite3_exec(database, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw failure(status, "\(sql.prefix(80))") }
    }

    /// Prepares `sql` for repeated stepping.
    public func prepare(_ sql: String) throws(SQLiteFailure) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v2(database, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, "preparing \(sql.prefix(80))") }
        return SQLiteStatement(statement: statement, owner: self)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rows the last statement changed.
    public var changes: Int { Int(sqlite_nio_sqlite3_changes(database)) }

    func failure(_ status: Int32, _ context: String) -> SQLiteFailure {
        let message = database.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown"
        return SQLiteFailure(path: path, status: status, "\(context): \(message)")
    }

    public func close() {
        if let database {
            sqlite_nio_sqlite3_close_v2(database)
            self.database = nil
        }
    }

    deinit { close() }
}

/// A prepared statement; bind parameters (1-based), step through rows, read columns (0-based), reset.
public final class SQLiteStatement: @unchecked Sendable {
    private let statement: OpaquePointer
    private let owner: SQLiteHandle

    init(statement: OpaquePointer, owner: SQLiteHandle) {
        self.statement = statement
        self.owner = owner
    }

    deinit { sqlite_nio_sqlite3_finalize(statement) }

    public func bind(_ index: Int32, _ value: Int64) {
        sqlite_nio_sqlite3_bind_int64(statement, index, value)
    }

    public func bind(_ index: Int32, _ value: Double) {
        sqlite_nio_sqlite3_bind_double(statement, index, value)
    }

    public func bind(_ index: Int32, _ value: String) {
        sqlite_nio_sqlite3_bind_text(statement, index, value, -1, transient)
    }

    public func bind(_ index: Int32, _ value: [UInt8]) {
        value.withUnsafeBytes { raw in
            _ = sqlite_nio_sqlite3_bind_blob(statement, index, raw.baseAddress, Int32(raw.count), transient)
        }
    }

    public func bindNull(_ index: Int32) {
        sqlite_nio_sqlite3_bind_null(statement, index)
    }

    /// Steps once; true while a row is available.
    public func step() throws(SQLiteFailure) -> Bool {
        let status = sqlite_nio_sqlite3_step(statement)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw owner.failure(status, "step")
        }
    }

    /// Steps a statement that returns no rows, then resets it for the next use.
    public func run() throws(SQLiteFailure) {
        defer { reset() }
        _ = try step()
    }

    public func reset() {
        sqlite_nio_sqlite3_reset(statement)
        sqlite_nio_sqlite3_clear_bindings(statement)
    }

    public func int64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, column) }

    public func double(_ column: Int32) -> Double { sqlite_nio_sqlite3_column_double(statement, column) }

    public func isNull(_ column: Int32) -> Bool { sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL }

    public func string(_ column: Int32) -> String {
        guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return "" }
        return String(cString: text)
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite_nio_sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// SQLite refused an operation; names the database file and SQLite's own message.
public struct SQLiteFailure: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let status: Int32
    public let message: String

    init(path: String, status: Int32, _ message: String) {
        self.path = path
        self.status = status
        self.message = message
    }

    public var description: String { "\(path): \(message) (SQLite status \(status))" }
}
