import GantryCore

/// One line of the alarm journal: an alarm changed state (or an operator acted on it), when, why, who.
///
/// Every transition of ``AlarmStateMachine`` produces one; they are plain values, so the server can store
/// them, publish them to consoles and feed them to ``AlarmFloodMeter``.
public struct JournalEntry: Hashable, Sendable {
    public var alarmID: String
    public var ruleID: String
    /// The asset the rule is about; operator positions are matched against it.
    public var asset: AssetPath
    public var from: AlarmState
    public var to: AlarmState
    /// When it happened, in milliseconds since the Unix epoch; for a delayed condition, when the delay
    /// ended.
    public var time: Int64
    /// What made it happen.
    public var cause: JournalCause
    /// The operator who acted, or `nil` for a change of the process condition or a shelve expiring.
    public var user: String?
    public var comment: String?
    /// The sample value that triggered a condition change.
    public var value: SampleValue?
    public var priority: AlarmPriority
    public var message: String

    public init(
        alarmID: String, ruleID: String, asset: AssetPath, from: AlarmState, to: AlarmState, time: Int64,
        cause: JournalCause, user: String? = nil, comment: String? = nil, value: SampleValue? = nil,
        priority: AlarmPriority, message: String
    ) {
        self.alarmID = alarmID
        self.ruleID = ruleID
        self.asset = asset
        self.from = from
        self.to = to
        self.time = time
        self.cause = cause
        self.user = user
        self.comment = comment
        self.value = value
        self.priority = priority
        self.message = message
    }

    /// Whether this entry presents a new alarm to the operator: the alarm rate and flood KPIs count these.
    public var isAnnunciation: Bool { to == .activeUnacknowledged && from != .activeUnacknowledged }
}

/// Why a journal entry was written.
public enum JournalCause: String, Hashable, Sendable, Codable {
    /// The process condition became active or cleared (after its delay).
    case condition
    case acknowledge
    case shelve
    case unshelve
    /// A shelve reached its expiry time.
    case shelveExpired = "shelve_expired"
    case suppress
    case unsuppress
    case removeFromService = "remove_from_service"
    case returnToService = "return_to_service"
}

extension JournalEntry: Codable {
    private enum CodingKeys: String, CodingKey {
        case alarmID, ruleID, asset, from, to, time, cause, user, comment, value, priority, message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.alarmID = try container.decode(String.self, forKey: .alarmID)
        self.ruleID = try container.decode(String.self, forKey: .ruleID)
        self.asset = try container.decode(AssetPath.self, forKey: .asset)
        self.from = try container.decode(AlarmState.self, forKey: .from)
        self.to = try container.decode(AlarmState.self, forKey: .to)
        self.time = try container.decode(Int64.self, forKey: .time)
        self.cause = try container.decode(JournalCause.self, forKey: .cause)
        self.user = try container.decodeIfPresent(String.self, forKey: .user)
        self.comment = try container.decodeIfPresent(String.self, forKey: .comment)
        self.value = try container.decodeIfPresent(CodedSampleValue.self, forKey: .value)?.value
        self.priority = try container.decode(AlarmPriority.self, forKey: .priority)
        self.message = try container.decode(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alarmID, forKey: .alarmID)
        try container.encode(ruleID, forKey: .ruleID)
        try container.encode(asset, forKey: .asset)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(time, forKey: .time)
        try container.encode(cause, forKey: .cause)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(comment, forKey: .comment)
        try container.encodeIfPresent(value.map(CodedSampleValue.init), forKey: .value)
        try container.encode(priority, forKey: .priority)
        try container.encode(message, forKey: .message)
    }
}
