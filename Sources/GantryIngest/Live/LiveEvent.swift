import GantryCore

/// One thing that happened in the plant, as the live stream carries it: a stored sample, a device that came
/// or went, an alarm that changed state.
///
/// Every event names the asset it belongs to, so each subscriber is shown only what its roles allow.
public enum LiveEvent: Sendable, Hashable {
    /// A sample that is durable in the telemetry store.
    case sample(TagPath, TelemetryPoint)
    case device(LiveDeviceStatus)
    case alarm(LiveAlarmChange)
    /// A command's state, a control lease or a teleoperation session changed.
    case control(LiveControlUpdate)

    /// The asset whose viewers may see this event.
    public var asset: AssetPath {
        switch self {
        case .sample(let tag, _): tag.asset
        case .device(let status): status.asset
        case .alarm(let change): change.asset
        case .control(let update): update.equipment
        }
    }

    /// What a slow subscriber keeps only the latest of: one value per tag, one status per device, one state
    /// per alarm.
    var coalescingKey: LiveCoalescingKey {
        switch self {
        case .sample(let tag, _): .tag(tag)
        case .device(let status): .device(status.device)
        case .alarm(let change): .alarm(change.alarmID)
        case .control(let update): .control(update.kind, update.key)
        }
    }
}

/// The identity under which a slow subscriber's pending events are merged.
enum LiveCoalescingKey: Hashable, Sendable {
    case tag(TagPath)
    case device(String)
    case alarm(String)
    case control(String, String)
}

/// A device's link changed: it connected, or its last connection ended.
public struct LiveDeviceStatus: Sendable, Hashable {
    /// The device's login name (`enterprise.name`).
    public var device: String
    /// The asset the device belongs to; only its viewers see the change.
    public var asset: AssetPath
    public var online: Bool
    /// When, in epoch milliseconds.
    public var at: Int64

    public init(device: String, asset: AssetPath, online: Bool, at: Int64) {
        self.device = device
        self.asset = asset
        self.online = online
        self.at = at
    }
}

/// An alarm moved from one state to another (ISA-18.2 states by name: `normal`, `unacknowledged`, ...).
public struct LiveAlarmChange: Sendable, Hashable {
    public var alarmID: String
    public var rule: String
    public var asset: AssetPath
    public var tag: TagPath?
    public var state: String
    public var priority: Int
    public var message: String
    /// When the change happened, in epoch milliseconds.
    public var at: Int64

    public init(
        alarmID: String, rule: String, asset: AssetPath, tag: TagPath?, state: String, priority: Int,
        message: String, at: Int64
    ) {
        self.alarmID = alarmID
        self.rule = rule
        self.asset = asset
        self.tag = tag
        self.state = state
        self.priority = priority
        self.message = message
        self.at = at
    }
}

/// A change on the control road, already in the JSON the API shows (the live stream does not know commands'
/// types): a command's new state, who holds a lease, a teleoperation session's round trip.
public struct LiveControlUpdate: Sendable, Hashable {
    public var equipment: AssetPath
    /// `command`, `lease` or `teleoperation`.
    public var kind: String
    /// What a slow subscriber keeps the latest of: the command id, or the equipment for leases and sessions.
    public var key: String
    /// One JSON object.
    public var json: String

    public init(equipment: AssetPath, kind: String, key: String, json: String) {
        self.equipment = equipment
        self.kind = kind
        self.key = key
        self.json = json
    }
}
