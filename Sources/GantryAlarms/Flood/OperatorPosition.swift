import GantryCore

/// A control-room console and the plant areas its operator answers for: alarm-rate KPIs are per position,
/// because the load that matters is what one person must respond to.
public struct OperatorPosition: Hashable, Sendable, Codable {
    /// The position's name, e.g. `haulage-desk`.
    public var name: String
    /// The asset subtrees whose alarms the position receives; an alarm counts for every position covering
    /// its asset.
    public var areas: [AssetPath]

    public init(name: String, areas: [AssetPath]) {
        self.name = name
        self.areas = areas
    }

    /// Whether alarms on `asset` reach this position.
    public func covers(_ asset: AssetPath) -> Bool { areas.contains { asset.isWithin($0) } }
}
