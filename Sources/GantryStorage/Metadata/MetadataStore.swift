import GantryCore
import Logging
import SQLKit

/// The platform's metadata: the plant model, devices, users and equipment types, on SQLite or PostgreSQL.
///
/// Every multi-row change is one transaction; reads see only committed data. The same contract tests
/// run against both backends.
public struct MetadataStore: Sendable {
    public let database: MetadataDatabase

    /// Opens the database at `location` and brings its schema up to date.
    public static func open(
        location: DatabaseLocation, logger: Logger
    ) async throws(MetadataStoreError) -> MetadataStore {
        let database = try MetadataDatabase(location: location, logger: logger)
        do {
            if database.kind == .sqlite {
                // Write-ahead logging lets `gantry user …` read while the server writes; the mode is kept
                // in the file, so this is a no-op after the first start.
                try await database.read { sql in try await sql.raw("PRAGMA journal_mode = WAL").run() }
            }
            try await MetadataMigrator(database: database, logger: logger).migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return MetadataStore(database: database)
    }

    /// Closes the database's connections.
    public func shutdown() async {
        await database.shutdown()
    }

    /// Whether the database answers a trivial query; used by `/ready`.
    public func isReachable() async -> Bool {
        do {
            return try await database.read { sql in try await sql.raw("SELECT 1 AS one").first() != nil }
        } catch {
            return false
        }
    }
}
