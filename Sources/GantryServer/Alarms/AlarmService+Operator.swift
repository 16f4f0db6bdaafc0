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

/// What people do to alarms. Acknowledging and shelving need the operator role on the alarm's asset;
/// suppressing and taking out of service, which hide an alarm until someone undoes them, the engineer role.
/// Each action records who, when and why in the journal, and returns once that journal line is written.
extension AlarmService {
    /// The longest comment kept with an action.
    public static let maximumCommentLength = 1000

    /// Acknowledges the alarm: the operator has seen it and is dealing with it.
    public func acknowledge(alarmID: String, comment: String, by principal: Principal) async throws -> AlarmSnapshot {
        try await act(alarmID, comment: comment, needs: .operator, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.acknowledge(alarmID: alarmID, by: user, comment: comment, at: now)
        }
    }

    /// Shelves the alarm for `durationMilliseconds` (at most ``maximumShelveMilliseconds``); the reason is
    /// required, because a hidden alarm must say why it is hidden.
    public func shelve(
        alarmID: String, durationMilliseconds: Int64, comment: String, by principal: Principal
    ) async throws -> AlarmSnapshot {
        guard !comment.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MetadataStoreError(.invalidInput, "say why the alarm is shelved: the comment is required")
        }
        guard durationMilliseconds >= 60_000, durationMilliseconds <= Self.maximumShelveMilliseconds else {
            throw AlarmError(
                .invalidShelveTime,
                "a shelve lasts from 1 minute to \(Self.maximumShelveMilliseconds / 3_600_000) hours, not "
                    + "\(durationMilliseconds / 1000) s")
        }
        return try await act(alarmID, comment: comment, needs: .operator, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.shelve(
                alarmID: alarmID, by: user, comment: comment, until: now + durationMilliseconds, at: now)
        }
    }

    /// Ends a shelve early: the alarm shows the state its condition dictates.
    public func unshelve(alarmID: String, comment: String, by principal: Principal) async throws -> AlarmSnapshot {
        try await act(alarmID, comment: comment, needs: .operator, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.unshelve(alarmID: alarmID, by: user, comment: comment, at: now)
        }
    }

    /// Suppresses the alarm by design: the plant is in a state where it means nothing (a stopped line's
    /// low-flow alarm). An engineer's decision, so it needs the engineer role.
    public func suppress(alarmID: String, comment: String, by principal: Principal) async throws -> AlarmSnapshot {
        try await act(alarmID, comment: comment, needs: .engineer, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.suppressByDesign(alarmID: alarmID, by: user, comment: comment, at: now)
        }
    }

    /// Ends a suppression by design.
    public func unsuppress(alarmID: String, comment: String, by principal: Principal) async throws -> AlarmSnapshot {
        try await act(alarmID, comment: comment, needs: .engineer, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.unsuppress(alarmID: alarmID, by: user, comment: comment, at: now)
        }
    }

    /// Takes the alarm out of service (its instrument is being repaired); needs the engineer role.
    public func removeFromService(
        alarmID: String, comment: String, by principal: Principal
    ) async throws -> AlarmSnapshot {
        try await act(alarmID, comment: comment, needs: .engineer, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.removeFromService(alarmID: alarmID, by: user, comment: comment, at: now)
        }
    }

    /// Returns the alarm to service.
    public func returnToService(
        alarmID: String, comment: String, by principal: Principal
    ) async throws -> AlarmSnapshot {
        try await act(alarmID, comment: comment, needs: .engineer, principal) {
            evaluator, user, now throws(AlarmError) in
            try evaluator.returnToService(alarmID: alarmID, by: user, comment: comment, at: now)
        }
    }

    /// Checks `principal` may act, applies `action` to the evaluator, and returns once its journal line is
    /// written.
    private func act(
        _ alarmID: String, comment: String, needs role: Role, _ principal: Principal,
        _ action: (inout AlarmEvaluator, _ user: String, _ now: Int64) throws(AlarmError) -> JournalEntry
    ) async throws -> AlarmSnapshot {
        try authorize(alarmID, comment: comment, role, principal)
        let entry = try action(&evaluator, principal.user.username, timing.now())
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

    private func authorize(_ alarmID: String, comment: String, _ role: Role, _ principal: Principal) throws {
        let snapshot = try alarm(alarmID, by: principal)
        try principal.rights.require(role, on: snapshot.definition.asset)
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
