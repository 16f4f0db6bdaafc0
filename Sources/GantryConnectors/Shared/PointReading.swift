import GantryCore

/// One value a connector read from a device: the configured point's name (which the connector's mapping turns
/// into a tag), the value, when the device says it was measured, and how far it can be trusted.
public struct PointReading: Hashable, Sendable {
    public var name: String
    public var point: TelemetryPoint

    public init(name: String, point: TelemetryPoint) {
        self.name = name
        self.point = point
    }
}
