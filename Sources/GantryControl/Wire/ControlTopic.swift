/// The MQTT topics of the control road between Gantry and one device, all under
/// `gantry/control/ENTERPRISE/DEVICE/`: outside the unified namespace, so a command or an acknowledgement
/// is never mistaken for a measurement, and inside the device's own permissions, so no device hears or
/// answers another's commands.
///
/// | kind | direction | QoS | payload |
/// | --- | --- | --- | --- |
/// | `command` | Gantry → device | 1 | ``DeviceCommand`` |
/// | `report` | device → Gantry | 1 | ``DeviceCommandReport`` |
/// | `heartbeat` | Gantry → device | 0 | ``TeleoperationHeartbeat`` |
/// | `heartbeat-echo` | device → Gantry | 0 | ``TeleoperationHeartbeat`` with `echoedAt` |
public struct ControlTopic: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case command
        case report
        case heartbeat
        case heartbeatEcho = "heartbeat-echo"

        /// Whether the device sends this kind (the others it only receives).
        public var isFromDevice: Bool { self == .report || self == .heartbeatEcho }
    }

    /// The first two levels of every control topic.
    public static let root = "gantry/control"

    public let enterprise: String
    public let device: String
    public let kind: Kind

    public init(enterprise: String, device: String, kind: Kind) {
        self.enterprise = enterprise
        self.device = device
        self.kind = kind
    }

    /// The control topic `topic` names, or `nil` for any other topic.
    public init?(_ topic: String) {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        guard levels.count == 5, levels[0] == "gantry", levels[1] == "control",
            !levels[2].isEmpty, !levels[3].isEmpty, let kind = Kind(rawValue: String(levels[4]))
        else { return nil }
        self.init(enterprise: String(levels[2]), device: String(levels[3]), kind: kind)
    }

    /// The filter a device subscribes to (and is permitted): every control topic of its own.
    public static func deviceFilter(enterprise: String, device: String) -> String {
        "\(root)/\(enterprise)/\(device)/#"
    }

    public var description: String { "\(Self.root)/\(enterprise)/\(device)/\(kind.rawValue)" }
}
