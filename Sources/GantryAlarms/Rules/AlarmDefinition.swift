import GantryCore

/// One alarm as its rule defines it: the names, urgency, text and delays the state machine needs to
/// filter the condition and to write journal entries.
public struct AlarmDefinition: Hashable, Sendable, Codable {
    /// Unique across loaded rules: the rule id, or `rule.level` for a limit threshold.
    public var alarmID: String
    /// The rule that raises the alarm.
    public var ruleID: String
    /// The asset the rule is about.
    public var asset: AssetPath
    public var priority: AlarmPriority
    public var message: String
    /// How long the condition must hold before it counts.
    public var onDelayMilliseconds: Int64
    /// How long the condition must stay clear before that counts.
    public var offDelayMilliseconds: Int64

    public init(
        alarmID: String, ruleID: String, asset: AssetPath, priority: AlarmPriority, message: String,
        onDelayMilliseconds: Int64 = 0, offDelayMilliseconds: Int64 = 0
    ) {
        self.alarmID = alarmID
        self.ruleID = ruleID
        self.asset = asset
        self.priority = priority
        self.message = message
        self.onDelayMilliseconds = onDelayMilliseconds
        self.offDelayMilliseconds = offDelayMilliseconds
    }
}
