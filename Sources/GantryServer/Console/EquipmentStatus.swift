import GantryAlarms
import GantryCore

/// The colour an asset shows on the overview: its worst standing alarm, else whether its devices are
/// connected. Computed in one place for the first render and for the live refresh, so both agree.
enum EquipmentStatus: Equatable {
    /// An alarm of this priority (1 most urgent) stands at or below the asset.
    case alarm(priority: Int, unacknowledged: Bool)
    /// A device bound at or below the asset is not connected.
    case offline
    case ok

    /// The CSS class; the text says the same for those who cannot tell the colours apart.
    var cssClass: String {
        switch self {
        case .alarm(let priority, _): priority <= 1 ? "status-p1" : priority == 2 ? "status-p2" : "status-p3"
        case .offline: "status-offline"
        case .ok: "status-ok"
        }
    }

    var label: String {
        switch self {
        case .alarm(let priority, let unacknowledged): "Alarm P\(priority)\(unacknowledged ? ", unacknowledged" : "")"
        case .offline: "Device offline"
        case .ok: "Normal"
        }
    }

    /// The status of `asset` given the standing alarms and the devices with their link state.
    static func of(
        _ asset: AssetPath, alarms: [AlarmSnapshot], devices: [(asset: AssetPath, online: Bool)]
    ) -> EquipmentStatus {
        var worst: (priority: Int, unacknowledged: Bool)?
        for alarm in alarms where alarm.definition.asset.isWithin(asset) {
            let priority = alarm.definition.priority.rawValue
            let unacknowledged = alarm.status.state.isUnacknowledged
            if let current = worst, current.priority < priority { continue }
            if let current = worst, current.priority == priority, current.unacknowledged || !unacknowledged {
                continue
            }
            worst = (priority, unacknowledged)
        }
        if let worst { return .alarm(priority: worst.priority, unacknowledged: worst.unacknowledged) }
        if devices.contains(where: { $0.asset.isWithin(asset) && !$0.online }) { return .offline }
        return .ok
    }

    /// The alarm states that colour an asset: those that still need the operator.
    static let standingStates: Set<AlarmState> = [.activeUnacknowledged, .activeAcknowledged, .returnedUnacknowledged]
}
