import SQLKit

/// One step of the metadata schema, applied once, in order, inside a transaction.
///
/// Migrations are never edited after release: a change to the schema is a new migration, so every
/// store, however old, reaches the same shape.
struct MetadataMigration: Sendable {
    /// Strictly increasing; recorded in `gantry_schema_migrations` once applied.
    let version: Int
    /// A short description, recorded beside the version.
    let name: String
    /// The statements, written in SQL that SQLite and PostgreSQL both accept.
    let statements: [String]
    /// Extra work with bound values (seed rows), run after the statements.
    let seed: (@Sendable (any SQLDatabase) async throws -> Void)?

    init(
        version: Int, name: String, statements: [String],
        seed: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) {
        self.version = version
        self.name = name
        self.statements = statements
        self.seed = seed
    }
}
