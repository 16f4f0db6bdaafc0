import GantryAlarms
import GantryServer

/// Installs the demo rules the alarm service does not have yet, as the platform itself, so they are
/// ordinary rules an engineer can edit or delete afterwards; `gantry demo` calls it at every start, and a
/// rule an engineer has since edited is left as it is.
/// - Returns: how many rules were installed.
@discardableResult
public func installDemoRules(
    _ rules: [AlarmRule] = DemoAlarmRules.standard, on alarms: AlarmService
) async throws -> Int {
    var installed = 0
    for rule in rules where (try? await alarms.rule(id: rule.id, by: .platform)) == nil {
        try await alarms.save(rule, by: .platform)
        installed += 1
    }
    return installed
}
