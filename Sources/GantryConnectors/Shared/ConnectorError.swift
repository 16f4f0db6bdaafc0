/// Why a connector could not talk to its device, or why a connector's configuration was refused: the one
/// public error type of the module. The `code` lets the HTTP edge and the CLI map it once; the `message`
/// says what went wrong in the plant engineer's words (which address, which node, which reason code).
///
/// Each protocol adds its codes in its own file (`ConnectorError+Modbus.swift`, `ConnectorError+OPCUA.swift`).
public struct ConnectorError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        init(_ name: String) {
            self.name = name
        }

        /// The peer could not be reached, or the connection was lost.
        public static let unreachable = Code("unreachable")
        /// The peer did not answer in time.
        public static let timeout = Code("timeout")
        /// The peer sent bytes that break the protocol (wrong length, unknown message, truncated chunk); the
        /// connection is reset.
        public static let protocolViolation = Code("protocol_violation")
        /// A connector configuration, endpoint or point address that cannot work; the message names the field.
        public static let invalidConfiguration = Code("invalid_configuration")
        /// The peer answered, and refused (a Modbus exception, a bad OPC UA status).
        public static let refused = Code("refused")

        public var description: String { name }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
