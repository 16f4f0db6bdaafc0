import Foundation
import GantryAlarms
import GantryCore
import GantryStorage

/// One alarm as a console shows it: its definition, its status, and the tags its rule reads.
public struct AlarmSnapshot: Sendable {
    public let definition: AlarmDefinition
    public let status: AlarmStatus
    public let tags: [TagPath]
}

/// What operators do to alarms. Each action needs the operator role on the alarm's asset, records who,
/// when and why in the journal, and returns once that journal line is written.
extension AlarmService {
    /// The longest comment kept with an action.
    public static let maximumCommentLength = 1000

    /// Acknowledges the alarm: the operator has seen it and is dealing with it.
    public func acknowledge(alarmID: String, comment: String, by principal: Principal) async throws -> AlarmSnapshot {
        try authorize(alarmID, comment: comment, principal)
        let entry = try evaluator.acknowledge(
            alarmID: alarmID, by: principal.user.username, comment: comment, at: timing.now())
        try await record([entry]).value
        return try snapshot(alarmID)
    }

    /// Shelves the alarm for `durationMilliseconds` (at most ``maximumShelveMilliseconds``); the reason is
    /// required, because a hidden alarm must say why it is hidden.
    public func shelve(
        alarmID: String, durationMilliseconds: Int64, comment: String, by principal: Principal
    ) async throws -> AlarmSnapshot {
        try authorize(alarmID, comment: comment, principal)
        guard !comment.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MetadataStoreError(.invalidInput, "say why the alarm is shelved: the comment is required")
        }
        guard durationMilliseconds >= 60_000, durationMilliseconds <= Self.maximumShelveMilliseconds else {
            throw AlarmError(
                .invalidShelveTime,
                "a shelve lasts from 1 minute to \(Self.maximumShelveMilliseconds / 3_600_000) hours, not "
                    + "\(durationMilliseconds / 1000) s")
        }
        let now = timing.now()
        let entry = try evaluator.shelve(
            alarmID: alarmID, by: principal.user.username, comment: comment, until: now + durationMilliseconds,
            at: now)
        try await record([entry]).value
        return try snapshot(alarmID)
    }

    /// Ends a shelve early: the alarm shows the state its condition dictates.
    public func unshelve(alarmID: String, comment: String, by principal: Principal) async throws -> AlarmSnapshot {
        try authorize(alarmID, comment: comment, principal)
        let entry = try evaluator.unshelve(
            alarmID: alarmID, by: principal.user.username, comment: comment, at: timing.now())
        try await record([entry]).value
        return try snapshot(alarmID)
    }

    /// The alarm with `alarmID`; 404 when it does not exist or `principal` may not see it.
    public func alarm(_ alarmID: String, by principal: Principal) throws -> AlarmSnapshot {
        let snapshot = try snapshot(alarmID)
        guard principal.rights.allows(.viewer, on: snapshot.definition.asset) else {
            throw AlarmError(.unknownAlarm, "no alarm with id '\(alarmID)'")
        }
        return snapshot
    }

    /// The alarms `principal` may see, in any of `states` (all when `nil`) and under `prefix`: unacknowledged
    /// first, then by priority (most urgent first), then newest first.
    public func alarms(
        in states: Set<AlarmState>? = nil, under prefix: AssetPath? = nil, by principal: Principal
    ) -> [AlarmSnapshot] {
        evaluator.rules.flatMap { rule -> [AlarmSnapshot] in
            guard principal.rights.allows(.viewer, on: rule.asset), prefix.map({ rule.asset.isWithin($0) }) ?? true
            else { return [] }
            return rule.alarms.compactMap { definition in
                guard let machine = evaluator.alarm(definition.alarmID),
                    states.map({ $0.contains(machine.state) }) ?? true
                else { return nil }
                return AlarmSnapshot(definition: machine.definition, status: machine.status, tags: rule.tags)
            }
        }.sorted { lhs, rhs in
            let left = (lhs.status.state.isUnacknowledged ? 0 : 1, lhs.definition.priority.rawValue)
            let right = (rhs.status.state.isUnacknowledged ? 0 : 1, rhs.definition.priority.rawValue)
            if left != right { return left < right }
            if lhs.status.since != rhs.status.since { return (lhs.status.since ?? 0) > (rhs.status.since ?? 0) }
            return lhs.definition.alarmID < rhs.definition.alarmID
        }
    }

    private func authorize(_ alarmID: String, comment: String, _ principal: Principal) throws {
        let snapshot = try alarm(alarmID, by: principal)
        try principal.rights.require(.operator, on: snapshot.definition.asset)
        guard comment.count <= Self.maximumCommentLength else {
            throw MetadataStoreError(
                .invalidInput, "the comment is \(comment.count) characters; at most \(Self.maximumCommentLength)")
        }
    }

    private func snapshot(_ alarmID: String) throws -> AlarmSnapshot {
        guard let machine = evaluator.alarm(alarmID) else {
            throw AlarmError(.unknownAlarm, "no alarm with id '\(alarmID)'")
        }
        return AlarmSnapshot(
            definition: machine.definition, status: machine.status,
            tags: evaluator.rule(id: machine.definition.ruleID)?.tags ?? [])
    }
}
