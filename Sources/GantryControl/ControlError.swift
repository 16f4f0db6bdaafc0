/// Why GantryControl refused a command, a lease action or an audit record: the one public error type of
/// the module. The `code` lets the API edge map it to a status once; the `message` says what was wrong and
/// is safe to show to the person who asked.
public struct ControlError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The equipment type has no command of that name.
        public static let unknownCommand = Code(name: "unknown_command")
        /// An argument is missing, unknown, of the wrong type, in the wrong unit or out of range.
        public static let invalidArgument = Code(name: "invalid_argument")
        /// The command's state does not allow this step (acknowledging a command never sent).
        public static let invalidTransition = Code(name: "invalid_transition")
        /// Someone else holds the equipment's control lease.
        public static let leaseHeld = Code(name: "lease_held")
        /// The caller does not hold the lease it tried to use or release.
        public static let leaseNotHeld = Code(name: "lease_not_held")
        /// A time-to-live outside the allowed range.
        public static let invalidTTL = Code(name: "invalid_ttl")
        /// No command has that id (or the caller may not see it).
        public static let commandNotFound = Code(name: "command_not_found")
        /// No equipment at that path (or the caller may not see it).
        public static let unknownEquipment = Code(name: "unknown_equipment")
        /// No registered device serves the equipment, so nothing could carry a command out.
        public static let noDevice = Code(name: "no_device")
        /// Only the person who requested a command may confirm it.
        public static let notRequester = Code(name: "not_requester")
        /// A control message on the wire that does not decode.
        public static let malformedMessage = Code(name: "malformed_message")
        /// A live tag value forbids the command now; the message names the interlock.
        public static let interlocked = Code(name: "interlocked")
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
