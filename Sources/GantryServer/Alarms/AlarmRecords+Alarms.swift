import Foundation
import GantryAlarms
import GantryCore
import GantryIngest
import GantryStorage

/// How GantryAlarms' values are stored and published: the store keeps rules and states as JSON documents
/// owned by GantryAlarms, and journal lines in columns an engineer can query.
extension StoredAlarmJournalEntry {
    init(_ entry: JournalEntry, sequence: Int64) {
        self.init(
            sequence: sequence, alarmID: entry.alarmID, ruleID: entry.ruleID, assetPath: entry.asset,
            fromState: entry.from.rawValue, toState: entry.to.rawValue, at: entry.time, actor: entry.user,
            comment: entry.comment, value: entry.value.map(Self.text), priority: entry.priority.rawValue,
            message: entry.message, cause: entry.cause.rawValue)
    }

    /// A sample value as the journal shows it: `12.5`, `3`, `true`, `down`.
    static func text(_ value: SampleValue) -> String {
        switch value {
        case .double(let number): "\(number)"
        case .int(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .string(let text): text
        }
    }
}

extension StoredAlarmState {
    /// The machine's status as stored, or `nil` if it cannot be encoded (it always can).
    init?(_ machine: AlarmStateMachine) {
        guard let document = try? JSONEncoder().encode(machine.status) else { return nil }
        self.init(
            alarmID: machine.definition.alarmID, ruleID: machine.definition.ruleID, assetPath: machine.definition.asset,
            state: String(decoding: document, as: UTF8.self), updatedAt: machine.status.since ?? 0)
    }
}

extension StoredAlarmRule {
    init(_ rule: AlarmRule, by user: String, createdAt: Int64, updatedAt: Int64) throws {
        let definition = try JSONEncoder().encode(rule)
        self.init(
            id: rule.id, assetPath: rule.asset, definition: String(decoding: definition, as: UTF8.self),
            updatedBy: user, createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension LiveAlarmChange {
    /// The change `entry` records; `tag` is the rule's first tag, for a console to link to its trend.
    init(_ entry: JournalEntry, tag: TagPath?) {
        self.init(
            alarmID: entry.alarmID, rule: entry.ruleID, asset: entry.asset, tag: tag, state: entry.to.rawValue,
            priority: entry.priority.rawValue, message: entry.message, at: entry.time)
    }
}
