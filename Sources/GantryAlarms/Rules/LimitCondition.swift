import GantryCore

/// An analog value beyond fixed thresholds: the classic HH/H/L/LL alarms of one transmitter.
///
/// A high alarm's condition becomes active when the value rises above the threshold and clears only when
/// it falls to `threshold − deadband` or below; a low alarm mirrors that. Between the two the condition keeps
/// what it was, so noise around a limit does not make the alarm chatter.
public struct LimitCondition: Hashable, Sendable, Codable {
    /// The measured tag.
    public var tag: TagPath
    public var highHigh: LimitThreshold?
    public var high: LimitThreshold?
    public var low: LimitThreshold?
    public var lowLow: LimitThreshold?
    /// How far back past a threshold the value must come for the alarm to clear, in engineering units.
    public var deadband: Double

    public init(
        tag: TagPath, highHigh: LimitThreshold? = nil, high: LimitThreshold? = nil, low: LimitThreshold? = nil,
        lowLow: LimitThreshold? = nil, deadband: Double = 0
    ) {
        self.tag = tag
        self.highHigh = highHigh
        self.high = high
        self.low = low
        self.lowLow = lowLow
        self.deadband = deadband
    }

    /// The thresholds that are set, most severe high first, most severe low last.
    public var thresholds: [(level: LimitLevel, threshold: LimitThreshold)] {
        [(.highHigh, highHigh), (.high, high), (.low, low), (.lowLow, lowLow)].compactMap { level, threshold in
            threshold.map { (level, $0) }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case tag, highHigh, high, low, lowLow, deadband
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.tag = try container.decode(TagPath.self, forKey: .tag)
        self.highHigh = try container.decodeIfPresent(LimitThreshold.self, forKey: .highHigh)
        self.high = try container.decodeIfPresent(LimitThreshold.self, forKey: .high)
        self.low = try container.decodeIfPresent(LimitThreshold.self, forKey: .low)
        self.lowLow = try container.decodeIfPresent(LimitThreshold.self, forKey: .lowLow)
        self.deadband = try container.decodeIfPresent(Double.self, forKey: .deadband) ?? 0
    }
}

/// One threshold of a limit rule.
public struct LimitThreshold: Hashable, Sendable, Codable {
    /// The limit, in the tag's engineering units.
    public var value: Double
    /// The alarm's priority, when it differs from the rule's (an HH is usually more urgent than an H).
    public var priority: AlarmPriority?

    public init(_ value: Double, priority: AlarmPriority? = nil) {
        self.value = value
        self.priority = priority
    }
}

/// Which side of normal, and how far, a limit alarm watches.
public enum LimitLevel: String, Hashable, Sendable, Codable, CaseIterable {
    case highHigh = "hh"
    case high = "h"
    case low = "l"
    case lowLow = "ll"

    /// Whether the alarm is for values above the threshold.
    public var isHigh: Bool { self == .highHigh || self == .high }

    /// The letters an operator knows the level by.
    public var abbreviation: String { rawValue.uppercased() }
}
