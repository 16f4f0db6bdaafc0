import Foundation
import GantryCore
import SQLKit

extension MetadataStore {
    /// Stores a new tag on an existing asset.
    public func createTag(_ tag: Tag) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            guard try await Self.assetRecord(path: tag.assetPath, in: sql) != nil else {
                throw MetadataStoreError(.parentMissing, "asset '\(tag.assetPath)' does not exist; create it first")
            }
            try await Self.insert(tag, in: sql)
        }
    }

    static func insert(_ tag: Tag, in sql: any SQLDatabase) async throws {
        let existing = try await sql.raw("SELECT id FROM tags WHERE path = \(bind: tag.path.description)").first()
        guard existing == nil else {
            throw MetadataStoreError(.alreadyExists, "tag '\(tag.path)' already exists")
        }
        try await sql.raw(
            """
            INSERT INTO tags (id, path, asset_path, name, data_type, unit, min_value, max_value, description,
                              created_at, updated_at)
            VALUES (\(bind: tag.id.uuidString), \(bind: tag.path.description), \(bind: tag.assetPath.description),
                    \(bind: tag.path.name), \(bind: tag.dataType.rawValue), \(bind: tag.unit), \(bind: tag.min),
                    \(bind: tag.max), \(bind: tag.description), \(bind: tag.createdAt.millisecondsSinceEpoch),
                    \(bind: tag.updatedAt.millisecondsSinceEpoch))
            """
        ).run()
    }

    /// The tag with `id`, if it exists.
    public func tag(id: UUID) async throws(MetadataStoreError) -> Tag? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: TagRecord.columns) FROM tags WHERE id = \(bind: id.uuidString)")
                .first(decoding: TagRecord.self)?.tag()
        }
    }

    /// The tag at `path`, if it exists.
    public func tag(path: TagPath) async throws(MetadataStoreError) -> Tag? {
        try await database.read { sql in
            try await sql.raw(
                "SELECT \(unsafeRaw: TagRecord.columns) FROM tags WHERE path = \(bind: path.description)"
            ).first(decoding: TagRecord.self)?.tag()
        }
    }

    /// The tags among `paths` and `ids` that exist, in one query: telemetry requests name many tags at once.
    public func tags(paths: [TagPath], ids: [UUID]) async throws(MetadataStoreError) -> [Tag] {
        guard !paths.isEmpty || !ids.isEmpty else { return [] }
        return try await database.read { sql in
            var condition = SQLQueryString("1 = 0")
            if !paths.isEmpty {
                condition = condition + " OR path IN (\(binds: paths.map(\.description)))"
            }
            if !ids.isEmpty {
                condition = condition + " OR id IN (\(binds: ids.map(\.uuidString)))"
            }
            return try await sql.raw("SELECT \(unsafeRaw: TagRecord.columns) FROM tags WHERE " + condition)
                .all(decoding: TagRecord.self).map { try $0.tag() }
        }
    }

    /// One page of tags, in path order; visibility follows the asset each tag belongs to.
    public func tags(_ query: ListQuery, dataType: TagDataType? = nil) async throws(MetadataStoreError) -> Page<Tag> {
        var condition = query.condition(pathColumn: "path", scopeColumn: "asset_path")
        if let dataType {
            condition = condition + " AND data_type = \(bind: dataType.rawValue)"
        }
        return try await page(
            of: "tags", columns: TagRecord.columns, where: condition, orderBy: "path", query
        ) { (record: TagRecord) throws(MetadataStoreError) in try record.tag() }
    }

    /// Changes a tag's unit, range and description; its path and data type are fixed.
    public func updateTag(_ tag: Tag) async throws(MetadataStoreError) -> Tag {
        try await database.transaction { sql in
            let existing = try await sql.raw("SELECT id FROM tags WHERE id = \(bind: tag.id.uuidString)").first()
            guard existing != nil else {
                throw MetadataStoreError(.notFound, "tag '\(tag.path)' does not exist")
            }
            try await sql.raw(
                """
                UPDATE tags SET unit = \(bind: tag.unit), min_value = \(bind: tag.min), max_value = \(bind: tag.max),
                       description = \(bind: tag.description), updated_at = \(bind: tag.updatedAt.millisecondsSinceEpoch)
                WHERE id = \(bind: tag.id.uuidString)
                """
            ).run()
            return tag
        }
    }

    /// Removes a tag.
    public func deleteTag(_ tag: Tag) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM tags WHERE id = \(bind: tag.id.uuidString)").run()
        }
    }
}
