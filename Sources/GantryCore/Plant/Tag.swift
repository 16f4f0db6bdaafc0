import Foundation

/// A named signal of an asset, such as a locomotive's speed or a crane's hoist load.
public struct Tag: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    /// The tag's full path; its parent is the asset it belongs to.
    public let path: TagPath
    /// The kind of value it carries; fixed once created, because stored history depends on it.
    public let dataType: TagDataType
    /// Engineering unit, such as `m/s`, `A`, `%` (empty when dimensionless).
    public var unit: String
    /// Lowest value the instrument reports, if known.
    public var min: Double?
    /// Highest value the instrument reports, if known.
    public var max: Double?
    public var description: String
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: UUID, path: TagPath, dataType: TagDataType, unit: String, range: EngineeringRange, description: String,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.path = path
        self.dataType = dataType
        self.unit = unit
        self.min = range.min
        self.max = range.max
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The asset this tag belongs to.
    public var assetPath: AssetPath { path.asset }
}
