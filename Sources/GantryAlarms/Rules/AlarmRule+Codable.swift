import GantryCore

/// A rule in JSON: `id`, `asset`, `condition`, `priority` (1–4) and `message` are required; the delays
/// default to 0 and `enabled` to true. Decoding does not validate: call ``AlarmRule/validate()``.
extension AlarmRule: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, asset, condition, priority, message, onDelayMilliseconds, offDelayMilliseconds
        case isEnabled = "enabled"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.asset = try container.decode(AssetPath.self, forKey: .asset)
        self.condition = try container.decode(AlarmCondition.self, forKey: .condition)
        self.priority = try container.decode(AlarmPriority.self, forKey: .priority)
        self.message = try container.decode(String.self, forKey: .message)
        self.onDelayMilliseconds = try container.decodeIfPresent(Int64.self, forKey: .onDelayMilliseconds) ?? 0
        self.offDelayMilliseconds = try container.decodeIfPresent(Int64.self, forKey: .offDelayMilliseconds) ?? 0
        self.isEnabled = try container.decodeIfPresent(Bool.self, forKey: .isEnabled) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(asset, forKey: .asset)
        try container.encode(condition, forKey: .condition)
        try container.encode(priority, forKey: .priority)
        try container.encode(message, forKey: .message)
        try container.encode(onDelayMilliseconds, forKey: .onDelayMilliseconds)
        try container.encode(offDelayMilliseconds, forKey: .offDelayMilliseconds)
        try container.encode(isEnabled, forKey: .isEnabled)
    }
}
