import GantryCore

/// A fault the simulator can play on an asset, a tag or a device, for demonstrations and for testing alarms,
/// anomaly detection and device-status handling end to end.
///
/// The target is text, so a CLI or an HTTP API can pass faults through as they came; ``PlantSimulation/inject(_:at:)``
/// checks it against the plant.
public struct SimulatedFault: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What goes wrong.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A rotating machine's bearing wears: its `vibration` (and bearing temperature, if it has one) rises over
        /// minutes. Targets an asset path (a fan or a CNC machine).
        case bearingWear = "bearing-wear"
        /// A sensor drifts: the reading moves steadily away from the true value. Targets a numeric tag path.
        case sensorDrift = "sensor-drift"
        /// A stuck valve or frozen sensor: the tag keeps the value it had when the fault began. Targets a tag path.
        case stuckValue = "stuck-value"
        /// The device's network link drops without an MQTT DISCONNECT, so the broker sends its will (a JSON device's
        /// `online = false`, a Sparkplug NDEATH); it reconnects when the fault is cleared. Targets a device name.
        case linkLoss = "link-loss"
    }

    public let kind: Kind
    /// An asset path (bearing wear), a tag path (drift, stuck value) or a device name (link loss).
    public let target: String

    public init(_ kind: Kind, target: String) {
        self.kind = kind
        self.target = target
    }

    /// Parses a kind named in a request, such as `bearing-wear`.
    public init(kind: String, target: String) throws(SimulatorError) {
        guard let parsed = Kind(rawValue: kind) else {
            let choices = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw SimulatorError(.unknownFaultKind, "fault kind '\(kind)' is unknown; use one of \(choices)")
        }
        self.init(parsed, target: target)
    }

    public static func bearingWear(_ asset: AssetPath) -> SimulatedFault { .init(.bearingWear, target: "\(asset)") }
    public static func sensorDrift(_ tag: TagPath) -> SimulatedFault { .init(.sensorDrift, target: "\(tag)") }
    public static func stuckValue(_ tag: TagPath) -> SimulatedFault { .init(.stuckValue, target: "\(tag)") }
    public static func linkLoss(device: String) -> SimulatedFault { .init(.linkLoss, target: device) }

    /// `kind@target`, as in logs.
    public var description: String { "\(kind.rawValue)@\(target)" }
}
