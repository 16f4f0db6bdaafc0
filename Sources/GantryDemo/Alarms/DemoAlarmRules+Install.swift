import GantryAlarms

/// Saves each demo rule through `save`, the platform's own way of storing a rule, so the demo's rules are
/// ordinary rules an engineer can edit or delete afterwards.
///
/// `gantry demo` calls it at every start; `save` should replace a rule with the same id, so a second start
/// restores the demo's rules rather than failing. It stops at the first rule `save` refuses.
public func installDemoRules(
    _ rules: [AlarmRule] = DemoAlarmRules.standard, save: @Sendable (AlarmRule) async throws -> Void
) async throws {
    for rule in rules {
        try await save(rule)
    }
}
