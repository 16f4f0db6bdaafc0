import GantryCore

/// An engineer's statement of when the plant is in a state an operator must act on: which tags to watch,
/// what condition counts as abnormal, how urgent it is and what to tell the operator.
///
/// A rule raises one alarm, except a limit rule, which raises one alarm per threshold it sets (an HH and
/// an H alarm are separate alarms in ISA-18.2, acknowledged and shelved on their own). Validate a rule with
/// ``validate()`` before loading it; ``AlarmEvaluator/add(_:)`` does so.
public struct AlarmRule: Hashable, Sendable {
    /// Stable, unique name of the rule, `[A-Za-z0-9_-]`, 1–128 characters; alarm ids derive from it.
    public var id: String
    /// The equipment (or area) the rule is about; operator positions are matched against it, and bare tag
    /// names in expressions are tags of this asset.
    public var asset: AssetPath
    /// What counts as abnormal.
    public var condition: AlarmCondition
    /// How urgent the alarm is; a limit threshold may override it.
    public var priority: AlarmPriority
    /// What the operator reads, e.g. "Traction motor temperature high".
    public var message: String
    /// How long the condition must hold before the alarm is raised, so that a short excursion raises nothing.
    public var onDelayMilliseconds: Int64
    /// How long the condition must stay clear before the alarm returns to normal, so that a value hovering
    /// at the limit does not chatter.
    public var offDelayMilliseconds: Int64
    /// A disabled rule is kept but not evaluated; its alarms stay normal.
    public var isEnabled: Bool

    public init(
        id: String, asset: AssetPath, condition: AlarmCondition, priority: AlarmPriority, message: String,
        onDelayMilliseconds: Int64 = 0, offDelayMilliseconds: Int64 = 0, isEnabled: Bool = true
    ) {
        self.id = id
        self.asset = asset
        self.condition = condition
        self.priority = priority
        self.message = message
        self.onDelayMilliseconds = onDelayMilliseconds
        self.offDelayMilliseconds = offDelayMilliseconds
        self.isEnabled = isEnabled
    }

    /// The tags whose samples the rule reads, in the order the condition names them, without repeats.
    public var tags: [TagPath] {
        var tags: [TagPath] = []
        for tag in condition.tags(on: asset) where !tags.contains(tag) {
            tags.append(tag)
        }
        return tags
    }

    /// The alarms this rule raises: one, or one per threshold of a limit rule (ids `rule.hh`, `rule.h`, …).
    public var alarms: [AlarmDefinition] {
        guard case .limit(let limit) = condition else {
            return [definition(id: id, priority: priority, message: message)]
        }
        return limit.thresholds.map { level, threshold in
            definition(
                id: "\(id).\(level.rawValue)", priority: threshold.priority ?? priority,
                message: "\(message) (\(level.abbreviation))")
        }
    }

    private func definition(id alarmID: String, priority: AlarmPriority, message: String) -> AlarmDefinition {
        AlarmDefinition(
            alarmID: alarmID, ruleID: id, asset: asset, priority: priority, message: message,
            onDelayMilliseconds: onDelayMilliseconds, offDelayMilliseconds: offDelayMilliseconds)
    }
}
