import GantryCore

/// An alarm rule as stored: its JSON definition (owned by `GantryAlarms`) and the asset it watches.
public struct StoredAlarmRule: Sendable, Hashable, Decodable {
    public var id: String
    public var assetPath: String
    public var definition: String
    public var updatedBy: String
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, assetPath: AssetPath, definition: String, updatedBy: String, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.assetPath = assetPath.description
        self.definition = definition
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, definition
        case assetPath = "asset_path"
        case updatedBy = "updated_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static let columns = "id, asset_path, definition, updated_by, created_at, updated_at"
}

/// One alarm's state as stored: a JSON document owned by `GantryAlarms`.
public struct StoredAlarmState: Sendable, Hashable, Decodable {
    public var alarmID: String
    public var ruleID: String
    public var assetPath: String
    public var state: String
    public var updatedAt: Int64

    public init(alarmID: String, ruleID: String, assetPath: AssetPath, state: String, updatedAt: Int64) {
        self.alarmID = alarmID
        self.ruleID = ruleID
        self.assetPath = assetPath.description
        self.state = state
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case state
        case alarmID = "alarm_id"
        case ruleID = "rule_id"
        case assetPath = "asset_path"
        case updatedAt = "updated_at"
    }

    static let columns = "alarm_id, rule_id, asset_path, state, updated_at"
}

/// One line of the alarm journal: an alarm moved from one state to another, by the process or by a person.
public struct StoredAlarmJournalEntry: Sendable, Hashable, Decodable {
    /// Strictly increasing in the order the transitions happened.
    public var sequence: Int64
    public var alarmID: String
    public var ruleID: String
    public var assetPath: String
    public var fromState: String
    public var toState: String
    /// Epoch milliseconds.
    public var at: Int64
    /// Who acted (acknowledge, shelve, …); nil when the process caused the change.
    public var actor: String?
    public var comment: String?
    /// The value that caused the change, as text, if any.
    public var value: String?
    public var priority: Int
    public var message: String
    /// Why the line was written: `condition`, `acknowledge`, `shelve`, `shelve_expired`, …
    public var cause: String

    public init(
        sequence: Int64, alarmID: String, ruleID: String, assetPath: AssetPath, fromState: String, toState: String,
        at: Int64, actor: String?, comment: String?, value: String?, priority: Int, message: String,
        cause: String = "condition"
    ) {
        self.sequence = sequence
        self.alarmID = alarmID
        self.ruleID = ruleID
        self.assetPath = assetPath.description
        self.fromState = fromState
        self.toState = toState
        self.at = at
        self.actor = actor
        self.comment = comment
        self.value = value
        self.priority = priority
        self.message = message
        self.cause = cause
    }

    enum CodingKeys: String, CodingKey {
        case sequence, at, actor, comment, value, priority, message, cause
        case alarmID = "alarm_id"
        case ruleID = "rule_id"
        case assetPath = "asset_path"
        case fromState = "from_state"
        case toState = "to_state"
    }

    static let columns =
        "sequence, alarm_id, rule_id, asset_path, from_state, to_state, at, actor, comment, value, priority, message, cause"
}

/// A notification that could not be delivered after every retry, kept for an engineer to look at.
public struct StoredDeadLetter: Sendable, Hashable, Decodable {
    public var id: String
    public var webhookID: String
    public var payload: String
    public var error: String
    public var attempts: Int
    public var failedAt: Int64

    public init(id: String, webhookID: String, payload: String, error: String, attempts: Int, failedAt: Int64) {
        self.id = id
        self.webhookID = webhookID
        self.payload = payload
        self.error = error
        self.attempts = attempts
        self.failedAt = failedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, payload, error, attempts
        case webhookID = "webhook_id"
        case failedAt = "failed_at"
    }

    static let columns = "id, webhook_id, payload, error, attempts, failed_at"
}

/// Where alarm notifications of one enterprise go: a URL that gets JSON POSTs.
public struct StoredWebhook: Sendable, Hashable, Decodable {
    public var id: String
    public var enterprise: String
    public var url: String
    /// Only alarms of this priority or more urgent (1 is the most urgent).
    public var minimumPriority: Int
    public var createdAt: Int64

    public init(id: String, enterprise: String, url: String, minimumPriority: Int, createdAt: Int64) {
        self.id = id
        self.enterprise = enterprise
        self.url = url
        self.minimumPriority = minimumPriority
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, enterprise, url
        case minimumPriority = "minimum_priority"
        case createdAt = "created_at"
    }

    static let columns = "id, enterprise, url, minimum_priority, created_at"
}

/// One alarm annunciated: on which asset, when (epoch milliseconds).
public struct AlarmAnnunciation: Sendable, Hashable, Decodable {
    public var assetPath: String
    public var at: Int64

    enum CodingKeys: String, CodingKey {
        case at
        case assetPath = "asset_path"
    }
}
