import Foundation
import GantryAlarms
import GantryCore
import GantryStorage

/// A rule with who last changed it and when.
public struct AlarmRuleRecord: Sendable {
    public let rule: AlarmRule
    public let updatedBy: String
    public let createdAt: Int64
    public let updatedAt: Int64
}

/// The rule editor's operations. Reading a rule needs the viewer role on its asset; writing one needs the
/// engineer role there (and on the old asset when a rule moves). A rule is stored first and loaded after,
/// so a rule that is running is always one that survives a restart.
extension AlarmService {
    /// The rules `principal` may see, optionally under `prefix`, in id order.
    public func rules(under prefix: AssetPath? = nil, by principal: Principal) -> [AlarmRuleRecord] {
        evaluator.rules.filter { rule in
            principal.rights.allows(.viewer, on: rule.asset) && prefix.map { rule.asset.isWithin($0) } ?? true
        }.map(record)
    }

    /// The rule with `id`; 404 when it does not exist or `principal` may not see it.
    public func rule(id: String, by principal: Principal) throws -> AlarmRuleRecord {
        guard let rule = evaluator.rule(id: id), principal.rights.allows(.viewer, on: rule.asset) else {
            throw AlarmError(.unknownRule, "no alarm rule with id '\(id)'")
        }
        return record(rule)
    }

    /// Adds a new rule; a rule with the same id is a conflict.
    public func createRule(_ rule: AlarmRule, by principal: Principal) async throws -> AlarmRuleRecord {
        guard evaluator.rule(id: rule.id) == nil else {
            throw AlarmError(.duplicateRule, "an alarm rule with id '\(rule.id)' exists; PUT it to change it")
        }
        return try await save(rule, by: principal)
    }

    /// Replaces the rule with `rule.id`; its alarms keep their states where their ids survive.
    public func replaceRule(_ rule: AlarmRule, by principal: Principal) async throws -> AlarmRuleRecord {
        guard let old = evaluator.rule(id: rule.id), principal.rights.allows(.viewer, on: old.asset) else {
            throw AlarmError(.unknownRule, "no alarm rule with id '\(rule.id)'; POST it to create it")
        }
        try principal.rights.require(.engineer, on: old.asset)
        return try await save(rule, by: principal)
    }

    /// Adds `rule`, or replaces the rule with its id: what an installer of a standard rule set calls.
    @discardableResult
    public func save(_ rule: AlarmRule, by principal: Principal) async throws -> AlarmRuleRecord {
        try principal.rights.require(.engineer, on: rule.asset)
        try rule.validate()
        for tag in rule.tags where try await store.tag(path: tag) == nil {
            throw AlarmError(
                .invalidRule, "rule '\(rule.id)' reads tag '\(tag)', which is not in the plant model; create it first")
        }
        let now = timing.now()
        let created = ruleRecords[rule.id]?.createdAt ?? now
        let stored = try StoredAlarmRule(rule, by: principal.user.username, createdAt: created, updatedAt: now)
        try await store.saveAlarmRule(stored)
        // Validated above; the only failure left is a race with another save of the same id, which the
        // branch below absorbs.
        if evaluator.rule(id: rule.id) != nil {
            try evaluator.replace(rule)
        } else {
            try evaluator.add(rule)
        }
        ruleRecords[rule.id] = stored
        logger.info(
            "alarm rule saved", metadata: ["alarm.rule": "\(rule.id)", "user": "\(principal.user.username)"])
        return record(rule)
    }

    /// Removes the rule with `id` and its alarms; the journal keeps their history.
    public func deleteRule(id: String, by principal: Principal) async throws {
        guard let rule = evaluator.rule(id: id), principal.rights.allows(.viewer, on: rule.asset) else {
            throw AlarmError(.unknownRule, "no alarm rule with id '\(id)'")
        }
        try principal.rights.require(.engineer, on: rule.asset)
        try await store.deleteAlarmRule(id: id)
        if evaluator.rule(id: id) != nil { try evaluator.remove(ruleID: id) }
        ruleRecords[id] = nil
        logger.info("alarm rule deleted", metadata: ["alarm.rule": "\(id)", "user": "\(principal.user.username)"])
    }

    private func record(_ rule: AlarmRule) -> AlarmRuleRecord {
        let stored = ruleRecords[rule.id]
        return AlarmRuleRecord(
            rule: rule, updatedBy: stored?.updatedBy ?? "", createdAt: stored?.createdAt ?? 0,
            updatedAt: stored?.updatedAt ?? 0)
    }
}
