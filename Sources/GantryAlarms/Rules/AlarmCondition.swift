import GantryCore

/// What a rule counts as abnormal.
public enum AlarmCondition: Hashable, Sendable {
    /// A value beyond high-high, high, low or low-low thresholds, with a deadband on the way back.
    case limit(LimitCondition)
    /// A value changing faster than a rate, from consecutive samples.
    case rateOfChange(RateOfChangeCondition)
    /// A value too far from its setpoint tag's latest value.
    case deviation(DeviationCondition)
    /// A discrete value in a given state (a pump `down`, a breaker `true` for tripped).
    case discrete(DiscreteCondition)
    /// A formula over several tags, true when abnormal.
    case expression(AlarmExpression)

    /// The tags the condition reads; bare names in an expression are tags of `asset`.
    func tags(on asset: AssetPath) -> [TagPath] {
        switch self {
        case .limit(let limit): [limit.tag]
        case .rateOfChange(let rate): [rate.tag]
        case .deviation(let deviation): [deviation.tag, deviation.setpoint]
        case .discrete(let discrete): [discrete.tag]
        case .expression(let expression): expression.references.compactMap { try? $0.resolved(on: asset) }
        }
    }
}

extension AlarmCondition: Codable {
    private enum CodingKeys: String, CodingKey {
        case limit, rateOfChange, deviation, discrete, expression
    }

    /// Reads `{"limit": {...}}`, `{"rateOfChange": {...}}`, …: exactly one key naming the kind.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "a condition has exactly one of limit, rateOfChange, deviation, discrete, expression"))
        }
        switch key {
        case .limit: self = .limit(try container.decode(LimitCondition.self, forKey: key))
        case .rateOfChange: self = .rateOfChange(try container.decode(RateOfChangeCondition.self, forKey: key))
        case .deviation: self = .deviation(try container.decode(DeviationCondition.self, forKey: key))
        case .discrete: self = .discrete(try container.decode(DiscreteCondition.self, forKey: key))
        case .expression: self = .expression(try container.decode(AlarmExpression.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .limit(let value): try container.encode(value, forKey: .limit)
        case .rateOfChange(let value): try container.encode(value, forKey: .rateOfChange)
        case .deviation(let value): try container.encode(value, forKey: .deviation)
        case .discrete(let value): try container.encode(value, forKey: .discrete)
        case .expression(let value): try container.encode(value, forKey: .expression)
        }
    }
}
