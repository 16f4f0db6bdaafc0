import GantryCore

/// A controlled value too far from where it is meant to be: |value − setpoint| above a limit, with the
/// setpoint read from its own tag (its latest good value).
///
/// The condition is evaluated whenever either tag receives a sample, and clears when the deviation falls
/// to `limit − deadband` or below. Until both tags have a good value the condition stays as it was.
public struct DeviationCondition: Hashable, Sendable, Codable {
    /// The measured value.
    public var tag: TagPath
    /// The tag that holds the setpoint.
    public var setpoint: TagPath
    /// The largest acceptable deviation, in engineering units.
    public var limit: Double
    public var deadband: Double

    public init(tag: TagPath, setpoint: TagPath, limit: Double, deadband: Double = 0) {
        self.tag = tag
        self.setpoint = setpoint
        self.limit = limit
        self.deadband = deadband
    }

    private enum CodingKeys: String, CodingKey {
        case tag, setpoint, limit, deadband
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.tag = try container.decode(TagPath.self, forKey: .tag)
        self.setpoint = try container.decode(TagPath.self, forKey: .setpoint)
        self.limit = try container.decode(Double.self, forKey: .limit)
        self.deadband = try container.decodeIfPresent(Double.self, forKey: .deadband) ?? 0
    }
}
