/// The MQTT protocol level a client announced in CONNECT; the codec speaks both.
public enum ProtocolVersion: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// MQTT 3.1.1 (protocol level 4).
    case v311 = 4
    /// MQTT 5.0 (protocol level 5).
    case v5 = 5

    public var description: String { self == .v311 ? "3.1.1" : "5.0" }
}
