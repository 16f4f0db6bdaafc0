import GantryCore

/// Everything that changes about one alarm, and nothing that its rule fixes: the value a server persists
/// and restores (``AlarmEvaluator/statuses()``, ``AlarmEvaluator/restore(_:)``).
public struct AlarmStatus: Hashable, Sendable, Codable {
    /// The alarm this is the status of.
    public var alarmID: String
    /// The state an operator sees.
    public internal(set) var state: AlarmState = .normal
    /// The process condition after on- and off-delay filtering: what the alarm state follows.
    public internal(set) var isConditionActive = false
    /// The condition as last evaluated, before delays; deadbands are measured from it.
    public internal(set) var isRawConditionActive = false
    /// A change of condition that is waiting out its on- or off-delay.
    public internal(set) var pending: PendingCondition?
    /// When the shelve ends, while the alarm is shelved.
    public internal(set) var shelvedUntil: Int64?
    public internal(set) var isSuppressedByDesign = false
    public internal(set) var isOutOfService = false
    /// How far the inputs last seen can be trusted; bad means the condition is being held, not evaluated.
    public internal(set) var inputQuality: Quality.Severity = .good
    /// When the state last changed.
    public internal(set) var since: Int64?
    /// The latest acknowledgement in this cycle; cleared when the alarm is raised again.
    public internal(set) var acknowledgement: Acknowledgement?

    public init(alarmID: String) {
        self.alarmID = alarmID
    }
}

/// A condition change waiting out its delay.
public struct PendingCondition: Hashable, Sendable, Codable {
    /// The condition that will hold if nothing changes before ``due``.
    public var isActive: Bool
    /// When the delay ends.
    public var due: Int64
    /// The value that started the change; the journal reports it.
    public var value: SampleValue?

    public init(isActive: Bool, due: Int64, value: SampleValue?) {
        self.isActive = isActive
        self.due = due
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case isActive, due, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.isActive = try container.decode(Bool.self, forKey: .isActive)
        self.due = try container.decode(Int64.self, forKey: .due)
        self.value = try container.decodeIfPresent(CodedSampleValue.self, forKey: .value)?.value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isActive, forKey: .isActive)
        try container.encode(due, forKey: .due)
        try container.encodeIfPresent(value.map(CodedSampleValue.init), forKey: .value)
    }
}

/// Who acknowledged an alarm, when, and what they wrote.
public struct Acknowledgement: Hashable, Sendable, Codable {
    public var user: String
    public var comment: String
    public var time: Int64

    public init(user: String, comment: String, time: Int64) {
        self.user = user
        self.comment = comment
        self.time = time
    }
}
