import Foundation
import GantryCore
import GantryStorage

extension PlantRegistry {
    /// Adds an asset below an existing parent; with an equipment type, the type's tags are created with
    /// it in the same transaction.
    public func createAsset(
        path: AssetPath, name: String, type: String?, description: String, by principal: Principal
    )
        async throws -> Asset
    {
        try requireChange(of: path, by: principal)
        guard !name.isEmpty, name.count <= 200 else {
            throw PlantModelError(.invalidName, "name must be 1-200 characters")
        }
        var parentLevel: AssetLevel?
        if path.depth > 1 {
            guard let parent = try await store.asset(path: path.parent) else {
                throw MetadataStoreError(
                    .parentMissing, "parent asset '\(path.parent)' does not exist; create it first")
            }
            parentLevel = parent.level
        }
        var equipmentType: EquipmentType?
        if let type {
            guard let known = try await store.equipmentType(name: type) else {
                throw MetadataStoreError(
                    .invalidInput, "equipment type '\(type)' is unknown; GET /api/v1/equipment-types lists them")
            }
            equipmentType = known
        }
        let level = try AssetLevel.of(path, parent: parentLevel, isTypedEquipment: type != nil)
        if type != nil && !level.isEquipmentOrComponent {
            throw PlantModelError(
                .invalidLevel,
                "'\(path)' would be a \(level.rawValue); equipment types apply from depth 4 (below an area)")
        }
        let now = Timestamp.now
        let asset = Asset(
            id: UUID(), path: path, name: name, level: level, type: type, description: description, createdAt: now,
            updatedAt: now)
        let tags = try (equipmentType?.tags ?? []).map { template in
            Tag(
                id: UUID(), path: try TagPath(asset: path, name: template.name), dataType: template.dataType,
                unit: template.unit, range: try EngineeringRange(min: template.min, max: template.max),
                description: template.description, createdAt: now, updatedAt: now)
        }
        try await store.createAsset(asset, tags: tags)
        logger.info(
            "asset created",
            metadata: ["asset.path": "\(path)", "asset.level": "\(level.rawValue)", "tags": "\(tags.count)"])
        return asset
    }

    /// The asset with `id`, if the caller may see it.
    public func asset(id: UUID, by principal: Principal) async throws -> Asset {
        guard let asset = try await store.asset(id: id) else {
            throw MetadataStoreError(.notFound, "asset \(id) does not exist")
        }
        try principal.rights.require(.viewer, on: asset.path)
        return asset
    }

    /// The assets the caller may see, under `prefix`, one page at a time in path order.
    public func assets(
        prefix: AssetPath?, level: AssetLevel?, limit: Int, offset: Int, by principal: Principal
    )
        async throws -> Page<Asset>
    {
        try await store.assets(listQuery(prefix: prefix, limit: limit, offset: offset, by: principal), level: level)
    }

    /// Renames an asset or changes its description.
    public func updateAsset(
        id: UUID, name: String?, description: String?, by principal: Principal
    ) async throws -> Asset {
        var asset = try await asset(id: id, by: principal)
        try requireChange(of: asset.path, by: principal)
        if let name {
            guard !name.isEmpty, name.count <= 200 else {
                throw PlantModelError(.invalidName, "name must be 1-200 characters")
            }
            asset.name = name
        }
        if let description { asset.description = description }
        asset.updatedAt = .now
        return try await store.updateAsset(asset)
    }

    /// Removes an asset with its tags; refused while it has children or bound devices.
    public func deleteAsset(id: UUID, by principal: Principal) async throws {
        let asset = try await asset(id: id, by: principal)
        try requireChange(of: asset.path, by: principal)
        try await store.deleteAsset(asset)
        logger.info("asset deleted", metadata: ["asset.path": "\(asset.path)"])
    }
}
