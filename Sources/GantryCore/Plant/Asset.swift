import Foundation

/// A place or machine in the plant: an enterprise, site, area, line, cell, equipment or component.
public struct Asset: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    /// Where the asset sits; unique across the platform.
    public let path: AssetPath
    /// What people call it, such as "Locomotive 01".
    public var name: String
    /// The ISA-95 level, derived from the path when the asset was created.
    public let level: AssetLevel
    /// The equipment type it was created from, if any (its tags came from that type).
    public let type: String?
    public var description: String
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: UUID, path: AssetPath, name: String, level: AssetLevel, type: String?, description: String,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.path = path
        self.name = name
        self.level = level
        self.type = type
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
