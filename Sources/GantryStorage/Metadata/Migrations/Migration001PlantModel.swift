import Foundation
import GantryCore
import SQLKit

extension MetadataMigration {
    /// The ISA-95 plant model, devices, users with grants, and the platform's signing secrets.
    ///
    /// Types are chosen so one text serves both dialects: `BIGINT` and `DOUBLE PRECISION` map to SQLite's
    /// integer and real affinities. Timestamps are milliseconds since the epoch.
    static let plantModel = MetadataMigration(
        version: 1, name: "plant model, devices, users",
        statements: [
            """
            CREATE TABLE assets (
                id TEXT PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                enterprise TEXT NOT NULL,
                parent_path TEXT,
                depth BIGINT NOT NULL,
                level TEXT NOT NULL,
                name TEXT NOT NULL,
                equipment_type TEXT,
                description TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX assets_parent_path ON assets (parent_path)",
            """
            CREATE TABLE equipment_types (
                name TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                description TEXT NOT NULL,
                tag_templates TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE tags (
                id TEXT PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                asset_path TEXT NOT NULL REFERENCES assets (path) ON DELETE CASCADE,
                name TEXT NOT NULL,
                data_type TEXT NOT NULL,
                unit TEXT NOT NULL,
                min_value DOUBLE PRECISION,
                max_value DOUBLE PRECISION,
                description TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX tags_asset_path ON tags (asset_path)",
            """
            CREATE TABLE devices (
                id TEXT PRIMARY KEY,
                enterprise TEXT NOT NULL,
                name TEXT NOT NULL,
                asset_path TEXT NOT NULL REFERENCES assets (path),
                username TEXT NOT NULL UNIQUE,
                secret_hash TEXT NOT NULL,
                description TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (enterprise, name))
            """,
            "CREATE INDEX devices_asset_path ON devices (asset_path)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                token_generation BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE user_grants (
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                scope TEXT NOT NULL,
                PRIMARY KEY (user_id, role, scope))
            """,
            """
            CREATE TABLE platform_secrets (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
        ],
        seed: { sql in
            let now = Timestamp.now.millisecondsSinceEpoch
            for type in EquipmentType.standard {
                let templates = String(decoding: try JSONEncoder().encode(type.tags), as: UTF8.self)
                try await sql.raw(
                    """
                    INSERT INTO equipment_types (name, display_name, description, tag_templates, created_at, updated_at)
                    VALUES (\(bind: type.name), \(bind: type.displayName), \(bind: type.description),
                            \(bind: templates), \(bind: now), \(bind: now))
                    """
                ).run()
            }
        })
}
