/// Why GantryAlarms refused a rule, an expression or an operator action: the one public error type of
/// the module.
///
/// The `code` lets an API edge map the error to a status once; the `message` says what was wrong and how
/// to fix it, and is safe to show to the user who sent it.
public struct AlarmError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of mistake; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case invalidRule = "invalid_rule"
            case duplicateRule = "duplicate_rule"
            case unknownRule = "unknown_rule"
            case unknownAlarm = "unknown_alarm"
            case invalidExpression = "invalid_expression"
            case invalidTransition = "invalid_transition"
            case invalidShelveTime = "invalid_shelve_time"
        }
        private let kind: Kind

        /// A rule's fields contradict each other or are out of range.
        public static let invalidRule = Code(kind: .invalidRule)
        /// A rule with the same id is already loaded.
        public static let duplicateRule = Code(kind: .duplicateRule)
        /// No rule with that id is loaded.
        public static let unknownRule = Code(kind: .unknownRule)
        /// No alarm with that id exists.
        public static let unknownAlarm = Code(kind: .unknownAlarm)
        /// An expression does not parse; ``AlarmError/position`` says where.
        public static let invalidExpression = Code(kind: .invalidExpression)
        /// The operator action does not apply in the alarm's current state (acknowledging a normal alarm).
        public static let invalidTransition = Code(kind: .invalidTransition)
        /// A shelve would end at or before the moment it starts.
        public static let invalidShelveTime = Code(kind: .invalidShelveTime)

        public var description: String { kind.rawValue }
    }

    /// What kind of mistake this is.
    public let code: Code
    /// What was wrong, and how to fix it.
    public let message: String
    /// For ``Code/invalidExpression``: the offset (in UTF-8 bytes, from 0) where the expression went wrong.
    public let position: Int?

    public init(_ code: Code, _ message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    public var description: String { message }
}
