import GantryAlarms
import GantryCore
import GantryStorage
import Logging

/// Raises a lost teleoperation session as an ISA-18.2 alarm: a bool tag `teleoperation_lost` on the
/// equipment (true when a session was lost, false when the next one starts) and a high-priority rule on it,
/// both created by the platform the first time they are needed. The sample goes through the telemetry store,
/// so the alarm is journaled, shown and notified like any other, and an operator acknowledges it.
struct TeleoperationLossAlarm: TeleoperationAlarm {
    static let tagName = "teleoperation_lost"

    let store: MetadataStore
    let plant: PlantRegistry
    let telemetry: TelemetryService
    let alarms: AlarmService
    let logger: Logger

    func sessionChanged(on equipment: AssetPath, lost: Bool, at time: Int64) async {
        do {
            let tag = try TagPath(asset: equipment, name: Self.tagName)
            if try await store.tag(path: tag) == nil {
                _ = try await plant.createTag(
                    path: tag, dataType: .bool, unit: "", range: .unbounded,
                    description: "A teleoperation session ended because the operator's console went quiet",
                    by: .platform)
            }
            let ruleID = "teleoperation-lost-" + equipment.segments.joined(separator: "-")
            if (try? await alarms.rule(id: ruleID, by: .platform)) == nil {
                let rule = AlarmRule(
                    id: String(ruleID.prefix(128)), asset: equipment,
                    condition: .discrete(DiscreteCondition(tag: tag, alarmState: .bool(true))), priority: .high,
                    message: "Teleoperation of \(equipment.leaf ?? "the equipment") lost: the operator's console went "
                        + "quiet; the machine stopped on its own watchdog")
                do {
                    _ = try await alarms.createRule(rule, by: .platform)
                } catch let error as AlarmError where error.code == .duplicateRule {
                    // Created meanwhile by the session before.
                }
            }
            _ = try await telemetry.append(
                [.init(tag: .path(tag), timestamp: time, value: .bool(lost), quality: .good)], by: .platform)
        } catch {
            logger.error(
                "the teleoperation alarm could not be updated",
                metadata: ["equipment": "\(equipment)", "error": "\(error)"])
        }
    }
}
