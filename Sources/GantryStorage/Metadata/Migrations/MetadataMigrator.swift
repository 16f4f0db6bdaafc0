import GantryCore
import Logging
import SQLKit

/// Brings a metadata database up to the newest schema at start-up.
///
/// Each migration runs in its own transaction together with the row that records it, so a crash
/// mid-way leaves the store at the previous version, never between two. On PostgreSQL an advisory
/// lock keeps two nodes starting at once from racing.
struct MetadataMigrator {
    let database: MetadataDatabase
    let logger: Logger

    /// The schema, oldest step first.
    static let migrations: [MetadataMigration] = [
        .plantModel,
        .alarms,
        .journalCause,
        .control,
        .connectors,
    ]

    /// Applies every migration the store has not seen; returns the versions applied.
    @discardableResult
    func migrate() async throws(MetadataStoreError) -> [Int] {
        try await database.transaction { sql in
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS gantry_schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
        }
        var applied: [Int] = []
        for migration in Self.migrations {
            let didApply = try await database.transaction { sql in
                if database.kind == .postgres {
                    try await sql.raw("SELECT pg_advisory_xact_lock(7403411)").run()
                }
                let seen = try await sql.raw(
                    "SELECT version FROM gantry_schema_migrations WHERE version = \(bind: migration.version)"
                ).first()
                guard seen == nil else { return false }
                for statement in migration.statements {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await migration.seed?(sql)
                try await sql.raw(
                    """
                    INSERT INTO gantry_schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name),
                            \(bind: Timestamp.now.millisecondsSinceEpoch))
                    """
                ).run()
                return true
            }
            if didApply {
                logger.info(
                    "metadata schema migrated",
                    metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }
}
