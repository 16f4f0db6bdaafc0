/// Why the codec refused bytes from the wire; the broker answers with `reasonCode` and closes.
///
/// Malformed packets (bytes that cannot be parsed as the specification writes them) and
/// protocol errors (well-formed packets that break a rule) are kept apart, because MQTT 5
/// answers them with different reason codes and an operator reads them differently: the
/// first points at a broken client library, the second at a misbehaving application.
public struct MQTTPacketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of the refusal; new kinds may be added without breaking callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case malformed, protocolViolation, tooLarge, unsupportedVersion }
        private let value: Value
        /// The bytes do not form a packet (reason code 0x81).
        public static let malformed = Kind(value: .malformed)
        /// A well-formed packet breaks a protocol rule (reason code 0x82 or a more precise one).
        public static let protocolViolation = Kind(value: .protocolViolation)
        /// The packet exceeds the maximum packet size (reason code 0x95).
        public static let tooLarge = Kind(value: .tooLarge)
        /// CONNECT names a protocol version the broker does not speak (reason code 0x84).
        public static let unsupportedVersion = Kind(value: .unsupportedVersion)

        public var description: String {
            switch value {
            case .malformed: "malformed packet"
            case .protocolViolation: "protocol error"
            case .tooLarge: "packet too large"
            case .unsupportedVersion: "unsupported protocol version"
            }
        }
    }

    public let kind: Kind
    /// The MQTT 5 reason code that answers this refusal in CONNACK or DISCONNECT.
    public let reasonCode: ReasonCode
    /// What was wrong, naming the field and, where there is one, the specification statement.
    public let message: String

    public init(_ kind: Kind, _ reasonCode: ReasonCode, _ message: String) {
        self.kind = kind
        self.reasonCode = reasonCode
        self.message = message
    }

    /// Bytes that do not parse: reason code 0x81.
    public static func malformed(_ message: String) -> MQTTPacketError {
        MQTTPacketError(.malformed, .malformedPacket, message)
    }

    /// A rule broken by a well-formed packet: reason code 0x82 unless a more precise one is given.
    public static func protocolViolation(_ message: String, code: ReasonCode = .protocolError) -> MQTTPacketError {
        MQTTPacketError(.protocolViolation, code, message)
    }

    public var description: String { "\(kind) (\(reasonCode)): \(message)" }
}
