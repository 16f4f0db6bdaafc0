/// A Sparkplug topic, payload or value that Gantry cannot accept.
///
/// The `code` says what kind of problem it is, so the host can decide (a bad value asks the edge node
/// for a rebirth, a foreign topic is ignored); the `message` says what was wrong and what was expected.
public struct SparkplugError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case invalidTopic = "invalid_topic"
            case malformedPayload = "malformed_payload"
            case valueMismatch = "value_mismatch"
            case unsupportedDataType = "unsupported_data_type"
            case malformedArray = "malformed_array"
            case malformedState = "malformed_state"
        }
        private let kind: Kind

        /// The topic is not in the `spBv1.0` namespace or has the wrong shape for its message type.
        public static let invalidTopic = Code(kind: .invalidTopic)
        /// The payload bytes are not a Sparkplug B protobuf payload, or lack a required field.
        public static let malformedPayload = Code(kind: .malformedPayload)
        /// A metric's value field does not match its declared data type.
        public static let valueMismatch = Code(kind: .valueMismatch)
        /// The data type number is unknown, or not allowed where it appears.
        public static let unsupportedDataType = Code(kind: .unsupportedDataType)
        /// The packed bytes of an array value do not divide into whole elements.
        public static let malformedArray = Code(kind: .malformedArray)
        /// A host STATE message is not the JSON `{"online": bool, "timestamp": ms}`.
        public static let malformedState = Code(kind: .malformedState)

        public var description: String { kind.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What was wrong and what was expected; safe to log and to show.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
