/// Why an `MQTTClient` operation failed: the connection was refused or lost, a local bound was
/// reached, or the broker broke the protocol.
///
/// A broker's refusal of a single publish or subscription is not an error: it comes back as the
/// reason code of PUBACK, PUBREC or SUBACK.
public struct MQTTClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case connectionRefused = "connection_refused"
            case connectionClosed = "connection_closed"
            case queueFull = "queue_full"
            case protocolViolation = "protocol_violation"
            case timeout
        }
        private let kind: Kind

        /// CONNACK carried a failure; `reasonCode` says which.
        public static let connectionRefused = Code(kind: .connectionRefused)
        /// The connection ended before the operation completed; reconnect and try again.
        public static let connectionClosed = Code(kind: .connectionClosed)
        /// More publishes are waiting for an in-flight slot than `maximumQueued` allows; slow down.
        public static let queueFull = Code(kind: .queueFull)
        /// The broker sent something MQTT does not allow; the connection is closed.
        public static let protocolViolation = Code(kind: .protocolViolation)
        /// The broker did not answer in time (CONNACK, or PINGRESP within the keep-alive).
        public static let timeout = Code(kind: .timeout)

        public var description: String { kind.rawValue }
    }

    public let code: Code
    /// The broker's reason code, when it gave one (CONNACK or DISCONNECT).
    public let reasonCode: ReasonCode?
    /// What happened, and what to do about it.
    public let message: String

    public init(_ code: Code, _ message: String, reasonCode: ReasonCode? = nil) {
        self.code = code
        self.message = message
        self.reasonCode = reasonCode
    }

    public var description: String {
        reasonCode.map { "\(code) (\($0)): \(message)" } ?? "\(code): \(message)"
    }
}
