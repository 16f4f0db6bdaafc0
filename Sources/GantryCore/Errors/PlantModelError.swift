/// A value given for the plant model (a path, a name, a role, a data type) that Gantry cannot accept.
///
/// The `code` says what kind of mistake it is, so an API edge can map it to a status and a client can
/// branch on it; the `message` says what was wrong and how to write it correctly.
public struct PlantModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of mistake; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case invalidPath = "invalid_path"
            case invalidName = "invalid_name"
            case invalidRole = "invalid_role"
            case invalidDataType = "invalid_data_type"
            case invalidRange = "invalid_range"
            case invalidLevel = "invalid_level"
            case invalidPassword = "invalid_password"
        }
        private let kind: Kind

        public static let invalidPath = Code(kind: .invalidPath)
        public static let invalidName = Code(kind: .invalidName)
        public static let invalidRole = Code(kind: .invalidRole)
        public static let invalidDataType = Code(kind: .invalidDataType)
        public static let invalidRange = Code(kind: .invalidRange)
        public static let invalidLevel = Code(kind: .invalidLevel)
        public static let invalidPassword = Code(kind: .invalidPassword)

        public var description: String { kind.rawValue }
    }

    /// What kind of mistake this is.
    public let code: Code
    /// What was wrong, and how to fix it; safe to show to the user who sent it.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
