import GantryStorage
import Logging
import SQLKit

/// A throw-away PostgreSQL database with raw SQL on it, for tests that look behind a store: its tables,
/// partitions and sizes.
public struct PostgresTestDatabase: Sendable {
    /// The database's URL, to open stores on.
    public let url: String

    /// Runs `body` on a fresh database (see ``TestBackend/withEmptyDatabase(_:)``), dropped afterwards.
    public static func withFresh(_ body: (PostgresTestDatabase) async throws -> Void) async throws {
        try await TestBackend.postgres.withEmptyDatabase { url in
            guard let url else { throw TestSetupError("the PostgreSQL test backend gave no database URL") }
            try await body(PostgresTestDatabase(url: url))
        }
    }

    /// Runs each statement in turn, in one transaction.
    public func execute(_ statements: [String]) async throws {
        try await withDatabase { database in
            try await database.transaction { sql in
                for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
            }
        }
    }

    /// The first column of every row of `query`, read as text (NULL as nil).
    public func column(_ query: String) async throws -> [String?] {
        try await withDatabase { database in
            try await database.read { sql in
                try await sql.raw(SQLQueryString(query)).all().map { row in
                    try row.allColumns.first.flatMap { try row.decode(column: $0, as: String?.self) }
                }
            }
        }
    }

    private func withDatabase<Result: Sendable>(
        _ body: (MetadataDatabase) async throws -> Result
    ) async throws -> Result {
        let database = try MetadataDatabase(location: .postgres(url: url), logger: Logger(label: "test-sql"))
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(database))
        } catch {
            outcome = .failure(error)
        }
        await database.shutdown()
        return try outcome.get()
    }
}
