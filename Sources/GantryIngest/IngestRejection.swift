/// Why ingest refused a message's samples; nothing of that message was stored.
public struct IngestRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, stable for counting on `/metrics` (`gantry_ingest_rejected_samples_total{reason=…}`).
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        private init(_ name: String) { description = name }
        /// The payload is not a value Gantry understands.
        public static let invalidPayload = Reason("invalid_payload")
        /// The tag does not exist and may not be created here.
        public static let unknownTag = Reason("unknown_tag")
        /// The tag's asset does not exist; create the asset first.
        public static let unknownAsset = Reason("unknown_asset")
        /// The value's type differs from the tag's.
        public static let wrongType = Reason("wrong_type")
        /// The tag lies outside the source's asset subtree.
        public static let notPermitted = Reason("not_permitted")
        /// The timestamp is too far ahead of the server clock, or too far behind the series.
        public static let badTimestamp = Reason("bad_timestamp")
        /// Too many samples are waiting for the store; the publisher should slow down.
        public static let overloaded = Reason("overloaded")
        /// The store failed; retrying later may succeed.
        public static let storeFailed = Reason("store_failed")
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason): \(message)" }
}
