import GantryCore

/// Why the telemetry store refused a sample or a batch; the message says what to check on the device.
public struct TelemetryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of refusal; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable {
            case inFuture, tooLate
        }
        private let kind: Kind
        /// The timestamp lies further ahead of the server's clock than the configured bound.
        public static let inFuture = Code(kind: .inFuture)
        /// The timestamp lies further behind the series' newest sample than the out-of-order window.
        public static let tooLate = Code(kind: .tooLate)
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
