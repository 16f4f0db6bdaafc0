import GantryCore

/// Why the metadata store refused or failed a change; nothing of a failed change is left behind.
public struct MetadataStoreError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case notFound = "not_found"
            case alreadyExists = "already_exists"
            case parentMissing = "parent_missing"
            case hasDependents = "has_dependents"
            case invalidInput = "invalid_input"
            case unsupportedLocation = "unsupported_location"
            case unavailable
        }
        private let kind: Kind

        /// The named record does not exist (or is not visible to the caller).
        public static let notFound = Code(kind: .notFound)
        /// A record with the same unique key (path, username, device name) already exists.
        public static let alreadyExists = Code(kind: .alreadyExists)
        /// The record hangs under something that does not exist, such as an asset without its parent.
        public static let parentMissing = Code(kind: .parentMissing)
        /// The record cannot be removed while other records depend on it.
        public static let hasDependents = Code(kind: .hasDependents)
        /// A value breaks a plant-model rule.
        public static let invalidInput = Code(kind: .invalidInput)
        /// The database location names a kind of database Gantry does not speak.
        public static let unsupportedLocation = Code(kind: .unsupportedLocation)
        /// The database could not be reached or answered with an error.
        public static let unavailable = Code(kind: .unavailable)

        public var description: String { kind.rawValue }
    }

    public let code: Code
    /// What went wrong, safe to show to the caller: never a password, hash or connection string.
    public let message: String
    /// The underlying error, for logs only.
    public let cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// Wraps a plant-model rule violation found while storing.
    public init(_ error: PlantModelError) {
        self.init(.invalidInput, error.message, cause: error)
    }

    public var description: String { message }

    public var debugDescription: String {
        if let cause { "\(code): \(message) (cause: \(String(reflecting: cause)))" } else { "\(code): \(message)" }
    }
}
