import Foundation
import GantryCore
import GantryStorage

extension PlantRegistry {
    /// Adds a tag to an existing asset.
    public func createTag(
        path: TagPath, dataType: TagDataType, unit: String, range: EngineeringRange, description: String,
        by principal: Principal
    ) async throws -> Tag {
        try principal.rights.require(.engineer, on: path.asset)
        if !dataType.isNumeric && (range.min != nil || range.max != nil) {
            throw PlantModelError(.invalidRange, "min and max apply to double and int tags only")
        }
        let now = Timestamp.now
        let tag = Tag(
            id: UUID(), path: path, dataType: dataType, unit: unit, range: range, description: description,
            createdAt: now, updatedAt: now)
        try await store.createTag(tag)
        logger.info("tag created", metadata: ["tag.path": "\(path)"])
        return tag
    }

    /// The tag with `id`, if the caller may see it.
    public func tag(id: UUID, by principal: Principal) async throws -> Tag {
        guard let tag = try await store.tag(id: id) else {
            throw MetadataStoreError(.notFound, "tag \(id) does not exist")
        }
        try principal.rights.require(.viewer, on: tag.assetPath)
        return tag
    }

    /// The tags the caller may see, under `prefix`, one page at a time in path order.
    public func tags(
        prefix: AssetPath?, dataType: TagDataType?, limit: Int, offset: Int, by principal: Principal
    )
        async throws -> Page<Tag>
    {
        try await store.tags(listQuery(prefix: prefix, limit: limit, offset: offset, by: principal), dataType: dataType)
    }

    /// Changes a tag's unit, engineering range or description.
    public func updateTag(
        id: UUID, unit: String?, min: FieldUpdate<Double>, max: FieldUpdate<Double>, description: String?,
        by principal: Principal
    ) async throws -> Tag {
        var tag = try await tag(id: id, by: principal)
        try principal.rights.require(.engineer, on: tag.assetPath)
        let range = try EngineeringRange(min: min.applied(to: tag.min), max: max.applied(to: tag.max))
        if !tag.dataType.isNumeric && (range.min != nil || range.max != nil) {
            throw PlantModelError(.invalidRange, "min and max apply to double and int tags only")
        }
        tag.min = range.min
        tag.max = range.max
        if let unit { tag.unit = unit }
        if let description { tag.description = description }
        tag.updatedAt = .now
        return try await store.updateTag(tag)
    }

    /// Removes a tag.
    public func deleteTag(id: UUID, by principal: Principal) async throws {
        let tag = try await tag(id: id, by: principal)
        try principal.rights.require(.engineer, on: tag.assetPath)
        try await store.deleteTag(tag)
        logger.info("tag deleted", metadata: ["tag.path": "\(tag.path)"])
    }
}
