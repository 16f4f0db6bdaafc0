import GantryCore

/// Why the telemetry store refused a sample, a batch or a query; the message says what to check.
public struct TelemetryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of refusal; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable {
            case inFuture, tooLate, wrongType, invalidQuery, invalidWaveform, corrupted, io, closed, unavailable,
                tooLarge, locked
        }
        private let kind: Kind
        /// The timestamp lies further ahead of the server's clock than the configured bound.
        public static let inFuture = Code(kind: .inFuture)
        /// The timestamp lies further behind the series' newest sample than the out-of-order window.
        public static let tooLate = Code(kind: .tooLate)
        /// The value's type differs from the type the series already holds.
        public static let wrongType = Code(kind: .wrongType)
        /// The query asks for something the store will not answer (an unbounded result, a bad range).
        public static let invalidQuery = Code(kind: .invalidQuery)
        /// A waveform without values or with a sample rate that is not positive.
        public static let invalidWaveform = Code(kind: .invalidWaveform)
        /// Stored data fails its check; the message names the file and offset.
        public static let corrupted = Code(kind: .corrupted)
        /// The operating system refused a read, write or sync; the message names the file.
        public static let io = Code(kind: .io)
        /// One append holds more than the store logs at once; split the batch.
        public static let tooLarge = Code(kind: .tooLarge)
        /// The store was closed.
        public static let closed = Code(kind: .closed)
        /// Another store holds the engine's directory; two would delete each other's files.
        public static let locked = Code(kind: .locked)
        /// The database behind the store cannot be reached or failed the request; the message says which and
        /// why. Retrying later may succeed.
        public static let unavailable = Code(kind: .unavailable)
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
