import GantryCore

/// A value changing faster than it physically should (a tank draining, a bearing heating up), measured
/// between consecutive good samples as |Δvalue| / Δt in units per second.
///
/// The condition clears when the rate falls to `limitPerSecond − deadband` or below.
public struct RateOfChangeCondition: Hashable, Sendable, Codable {
    public var tag: TagPath
    /// The fastest acceptable change, in engineering units per second, in either direction.
    public var limitPerSecond: Double
    /// How far below the limit the rate must fall for the condition to clear.
    public var deadband: Double

    public init(tag: TagPath, limitPerSecond: Double, deadband: Double = 0) {
        self.tag = tag
        self.limitPerSecond = limitPerSecond
        self.deadband = deadband
    }

    private enum CodingKeys: String, CodingKey {
        case tag, limitPerSecond, deadband
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.tag = try container.decode(TagPath.self, forKey: .tag)
        self.limitPerSecond = try container.decode(Double.self, forKey: .limitPerSecond)
        self.deadband = try container.decodeIfPresent(Double.self, forKey: .deadband) ?? 0
    }
}
