import Foundation
import GantryAlarms
import GantryCore
import GantryStorage
import Hummingbird

/// `POST /api/v1/alarms/{id}/ack` and `/unshelve`: an optional comment.
struct AlarmActionBody: Decodable {
    let comment: String

    enum CodingKeys: String, CodingKey, CaseIterable { case comment }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        comment = try container.decodeIfPresent(String.self, forKey: .comment) ?? ""
    }

    init() { comment = "" }
}

/// `POST /api/v1/alarms/{id}/shelve`: for how long, and why.
struct AlarmShelveBody: Decodable {
    let durationMinutes: Int64
    let comment: String

    enum CodingKeys: String, CodingKey, CaseIterable { case durationMinutes, comment }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        durationMinutes = try container.decode(Int64.self, forKey: .durationMinutes)
        comment = try container.decodeIfPresent(String.self, forKey: .comment) ?? ""
    }
}

/// `POST /api/v1/alarm-rules` and `PUT /api/v1/alarm-rules/{id}`: a rule in GantryAlarms' JSON, with no
/// field it does not know (a misspelt `onDelayMiliseconds` would otherwise be dropped without a word).
struct AlarmRuleBody: Decodable {
    let rule: AlarmRule

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, asset, condition, priority, message, onDelayMilliseconds, offDelayMilliseconds, enabled
    }

    init(from decoder: any Decoder) throws {
        _ = try decoder.strictContainer(CodingKeys.self)
        rule = try AlarmRule(from: decoder)
    }
}

/// `POST /api/v1/webhooks`.
struct WebhookCreateBody: Decodable {
    let enterprise: String
    let url: String
    let minimumPriority: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case enterprise, url, minimumPriority }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        enterprise = try container.decode(String.self, forKey: .enterprise)
        url = try container.decode(String.self, forKey: .url)
        minimumPriority = try container.decodeIfPresent(Int.self, forKey: .minimumPriority) ?? 4
    }
}

/// One alarm as the API shows it.
struct AlarmView: ResponseEncodable {
    struct Acknowledged: Encodable {
        let user: String
        let comment: String
        let at: Timestamp
    }

    let id: String
    let rule: String
    let asset: AssetPath
    let tags: [String]
    let state: String
    let priority: Int
    let message: String
    /// The process condition after delays: true while the abnormal situation lasts.
    let conditionActive: Bool
    /// `good`, `uncertain` or `bad`: how far the inputs can be trusted.
    let inputQuality: String
    let since: Timestamp?
    let shelvedUntil: Timestamp?
    let acknowledged: Acknowledged?
    /// A change of condition waiting out its on- or off-delay: the state it will reach, and when.
    let pending: Pending?

    struct Pending: Encodable {
        let conditionActive: Bool
        let due: Timestamp
    }

    init(_ snapshot: AlarmSnapshot) {
        id = snapshot.definition.alarmID
        rule = snapshot.definition.ruleID
        asset = snapshot.definition.asset
        tags = snapshot.tags.map(\.description)
        state = snapshot.status.state.rawValue
        priority = snapshot.definition.priority.rawValue
        message = snapshot.definition.message
        conditionActive = snapshot.status.isConditionActive
        inputQuality = "\(snapshot.status.inputQuality)"
        since = snapshot.status.since.map(Timestamp.init(millisecondsSinceEpoch:))
        shelvedUntil = snapshot.status.shelvedUntil.map(Timestamp.init(millisecondsSinceEpoch:))
        pending = snapshot.status.pending.map {
            Pending(conditionActive: $0.isActive, due: Timestamp(millisecondsSinceEpoch: $0.due))
        }
        acknowledged = snapshot.status.acknowledgement.map {
            Acknowledged(user: $0.user, comment: $0.comment, at: Timestamp(millisecondsSinceEpoch: $0.time))
        }
    }
}

/// A rule as the API shows it: the rule's own fields, the alarms it raises, and who changed it when.
struct AlarmRuleView: ResponseEncodable {
    let record: AlarmRuleRecord

    enum CodingKeys: String, CodingKey { case alarms, updatedBy, createdAt, updatedAt }

    func encode(to encoder: any Encoder) throws {
        try record.rule.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.rule.alarms.map(\.alarmID), forKey: .alarms)
        try container.encode(record.updatedBy, forKey: .updatedBy)
        try container.encode(Timestamp(millisecondsSinceEpoch: record.createdAt), forKey: .createdAt)
        try container.encode(Timestamp(millisecondsSinceEpoch: record.updatedAt), forKey: .updatedAt)
    }
}

/// One journal line as the API shows it.
struct AlarmJournalView: Encodable {
    let sequence: Int64
    let alarm: String
    let rule: String
    let asset: String
    let from: String
    let to: String
    /// Why: `condition`, `acknowledge`, `shelve`, `unshelve`, `shelve_expired`, `suppress`, `unsuppress`,
    /// `remove_from_service`, `return_to_service`.
    let cause: String
    let at: Timestamp
    let user: String?
    let comment: String?
    let value: String?
    let priority: Int
    let message: String

    init(_ entry: StoredAlarmJournalEntry) {
        sequence = entry.sequence
        alarm = entry.alarmID
        rule = entry.ruleID
        asset = entry.assetPath
        from = entry.fromState
        to = entry.toState
        cause = entry.cause
        at = Timestamp(millisecondsSinceEpoch: entry.at)
        user = entry.actor
        comment = entry.comment.flatMap { $0.isEmpty ? nil : $0 }
        value = entry.value
        priority = entry.priority
        message = entry.message
    }
}

/// `GET /api/v1/alarms/kpi`: the alarm-rate KPIs per operator position beside the ISA-18.2 benchmarks.
struct AlarmLoadResponse: ResponseEncodable {
    struct Thresholds: Encodable {
        let acceptablePerTenMinutes = AlarmFloodMeter.acceptablePerTenMinutes
        let manageablePerTenMinutes = AlarmFloodMeter.manageablePerTenMinutes
        let floodAbovePerTenMinutes = AlarmFloodMeter.floodAbove
        let floodTimeTargetPercent = 1.0
        let source = "ANSI/ISA-18.2-2016 table 5; EEMUA 191"
    }

    struct Position: Encodable {
        let position: String
        let annunciations: Int
        let averagePerTenMinutes: Double
        let peakPerTenMinutes: Int
        let periods: Int
        let floodPeriods: Int
        let percentInFlood: Double
        let load: String
        let lastTenMinutes: Int
        let flooding: Bool
    }

    let from: Timestamp
    let to: Timestamp
    let thresholds = Thresholds()
    let positions: [Position]

    init(from: Int64, to: Int64, loads: [AlarmPositionLoad]) {
        self.from = Timestamp(millisecondsSinceEpoch: from)
        self.to = Timestamp(millisecondsSinceEpoch: to)
        positions = loads.map { load in
            let report = load.report
            return Position(
                position: report.position, annunciations: report.annunciations,
                averagePerTenMinutes: report.averagePerTenMinutes, peakPerTenMinutes: report.peakPerTenMinutes,
                periods: report.periods, floodPeriods: report.floodPeriods, percentInFlood: report.percentInFlood,
                load: report.load.rawValue, lastTenMinutes: load.lastTenMinutes, flooding: load.isFlooding)
        }
    }
}

/// A webhook as the API shows it.
struct WebhookView: ResponseEncodable {
    let id: String
    let enterprise: String
    let url: String
    let minimumPriority: Int
    let createdAt: Timestamp

    init(_ webhook: StoredWebhook) {
        id = webhook.id
        enterprise = webhook.enterprise
        url = webhook.url
        minimumPriority = webhook.minimumPriority
        createdAt = Timestamp(millisecondsSinceEpoch: webhook.createdAt)
    }
}

/// A notification that failed every retry.
struct DeadLetterView: Encodable {
    let id: String
    let webhook: String
    let payload: String
    let error: String
    let attempts: Int
    let failedAt: Timestamp

    init(_ letter: StoredDeadLetter) {
        id = letter.id
        webhook = letter.webhookID
        payload = letter.payload
        error = letter.error
        attempts = letter.attempts
        failedAt = Timestamp(millisecondsSinceEpoch: letter.failedAt)
    }
}
