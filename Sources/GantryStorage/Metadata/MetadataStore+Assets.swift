import Foundation
import GantryCore
import SQLKit

extension MetadataStore {
    /// Stores a new asset together with the tags its equipment type gives it, in one transaction.
    ///
    /// The parent must exist (an enterprise has none) and the path must be free.
    public func createAsset(_ asset: Asset, tags: [Tag]) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            if try await Self.assetRecord(path: asset.path, in: sql) != nil {
                throw MetadataStoreError(.alreadyExists, "asset '\(asset.path)' already exists")
            }
            try await sql.raw(
                """
                INSERT INTO assets (id, path, enterprise, parent_path, depth, level, name, equipment_type,
                                    description, created_at, updated_at)
                VALUES (\(bind: asset.id.uuidString), \(bind: asset.path.description),
                        \(bind: asset.path.enterprise ?? ""),
                        \(bind: asset.path.depth > 1 ? asset.path.parent.description : nil as String?),
                        \(bind: asset.path.depth), \(bind: asset.level.rawValue), \(bind: asset.name),
                        \(bind: asset.type), \(bind: asset.description),
                        \(bind: asset.createdAt.millisecondsSinceEpoch), \(bind: asset.updatedAt.millisecondsSinceEpoch))
                """
            ).run()
            for tag in tags {
                try await Self.insert(tag, in: sql)
            }
        }
    }

    /// The asset with `id`, if it exists.
    public func asset(id: UUID) async throws(MetadataStoreError) -> Asset? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: AssetRecord.columns) FROM assets WHERE id = \(bind: id.uuidString)")
                .first(decoding: AssetRecord.self)?.asset()
        }
    }

    /// The asset at `path`, if it exists.
    public func asset(path: AssetPath) async throws(MetadataStoreError) -> Asset? {
        try await database.read { sql in try await Self.assetRecord(path: path, in: sql)?.asset() }
    }

    static func assetRecord(path: AssetPath, in sql: any SQLDatabase) async throws -> AssetRecord? {
        try await sql.raw(
            "SELECT \(unsafeRaw: AssetRecord.columns) FROM assets WHERE path = \(bind: path.description)"
        ).first(decoding: AssetRecord.self)
    }

    /// One page of assets, in path order.
    /// - Complexity: one indexed range scan per visible scope, plus a count.
    public func assets(_ query: ListQuery, level: AssetLevel? = nil) async throws(MetadataStoreError) -> Page<Asset> {
        var condition = query.condition(pathColumn: "path", scopeColumn: "path")
        if let level {
            condition = condition + " AND level = \(bind: level.rawValue)"
        }
        return try await page(
            of: "assets", columns: AssetRecord.columns, where: condition, orderBy: "path", query
        ) { (record: AssetRecord) throws(MetadataStoreError) in try record.asset() }
    }

    /// Changes an asset's name and description; its path, level and type are fixed.
    public func updateAsset(_ asset: Asset) async throws(MetadataStoreError) -> Asset {
        try await database.transaction { sql in
            guard try await Self.assetRecord(path: asset.path, in: sql) != nil else {
                throw MetadataStoreError(.notFound, "asset '\(asset.path)' does not exist")
            }
            try await sql.raw(
                """
                UPDATE assets SET name = \(bind: asset.name), description = \(bind: asset.description),
                       updated_at = \(bind: asset.updatedAt.millisecondsSinceEpoch)
                WHERE id = \(bind: asset.id.uuidString)
                """
            ).run()
            return asset
        }
    }

    /// Removes an asset and its tags, in one transaction.
    ///
    /// Refused while the asset has child assets or devices bound to it: removing a line must not
    /// silently orphan its machines or cut off a device.
    public func deleteAsset(_ asset: Asset) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            let children =
                try await sql.raw(
                    "SELECT COUNT(*) AS count FROM assets WHERE parent_path = \(bind: asset.path.description)"
                ).first(decoding: CountRecord.self)?.count ?? 0
            guard children == 0 else {
                throw MetadataStoreError(
                    .hasDependents, "asset '\(asset.path)' still has \(children) child asset(s); delete them first")
            }
            let devices =
                try await sql.raw(
                    "SELECT COUNT(*) AS count FROM devices WHERE asset_path = \(bind: asset.path.description)"
                ).first(decoding: CountRecord.self)?.count ?? 0
            guard devices == 0 else {
                throw MetadataStoreError(
                    .hasDependents,
                    "asset '\(asset.path)' still has \(devices) device(s) bound to it; delete or move them first")
            }
            try await sql.raw("DELETE FROM tags WHERE asset_path = \(bind: asset.path.description)").run()
            try await sql.raw("DELETE FROM assets WHERE id = \(bind: asset.id.uuidString)").run()
        }
    }
}
