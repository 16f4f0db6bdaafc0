/// Why GantryScheduling refused a problem, an input file or a solve: the one public error type of the module.
///
/// The `code` lets a caller (the API edge) map it once; the `message` names the job and operation (0-based, as
/// in the model) or the input line, and says how to fix it. `job`, `operation` and `line` carry the same
/// places as numbers, so a user interface can point at them.
public struct SchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// An alternative names a machine outside `0..<machineCount`.
        public static let unknownMachine = Code(name: "unknown_machine")
        /// An operation lists no machine that can run it.
        public static let operationWithoutMachine = Code(name: "operation_without_machine")
        /// A processing time below zero.
        public static let negativeDuration = Code(name: "negative_duration")
        /// The precedences (routes and extra precedences) form a cycle, so no schedule exists.
        public static let cycle = Code(name: "cycle")
        /// A job with a negative release date or weight, or a job without operations.
        public static let invalidJob = Code(name: "invalid_job")
        /// A precedence or frozen operation that refers to a job or operation that does not exist.
        public static let unknownOperation = Code(name: "unknown_operation")
        /// A setup matrix of the wrong size, for an unknown machine, or with a negative time.
        public static let invalidSetup = Code(name: "invalid_setup")
        /// A machine unavailability window that is empty, reversed or on an unknown machine.
        public static let invalidWindow = Code(name: "invalid_window")
        /// A frozen operation that cannot be kept as it is (wrong machine, a predecessor not frozen,
        /// overlapping another frozen operation).
        public static let invalidFrozen = Code(name: "invalid_frozen")
        /// A weighted-sum objective with a negative weight.
        public static let invalidObjective = Code(name: "invalid_objective")
        /// A problem file that does not follow its format; the message names the line.
        public static let malformedInput = Code(name: "malformed_input")
        /// The problem uses something the solver does not handle yet (the message says what).
        public static let unsupported = Code(name: "unsupported")
        /// The solver built a schedule its independent checker rejected: a bug in the solver, never in the input.
        public static let internalError = Code(name: "internal_error")
        public var description: String { name }
    }

    public let code: Code
    public let message: String
    /// The job the error is about (0-based), when it is about one.
    public let job: Int?
    /// The operation within `job` (0-based), when the error is about one.
    public let operation: Int?
    /// The 1-based line of an input file, for `malformedInput`.
    public let line: Int?

    public init(_ code: Code, _ message: String, job: Int? = nil, operation: Int? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.job = job
        self.operation = operation
        self.line = line
    }

    public var description: String { message }
}
