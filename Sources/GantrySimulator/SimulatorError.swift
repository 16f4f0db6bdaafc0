/// A request the simulator cannot carry out, such as a fault aimed at an asset the plant does not have.
///
/// The `code` tells an API which status to answer (an unknown target is a 404, an inapplicable fault a 422); the
/// `message` names what was asked for and what would have been accepted.
public struct SimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case unknownFaultKind = "unknown_fault_kind"
            case unknownTarget = "unknown_target"
            case faultNotApplicable = "fault_not_applicable"
            case faultNotActive = "fault_not_active"
        }
        private let kind: Kind

        /// The fault's kind is not one of `SimulatedFault.Kind`.
        public static let unknownFaultKind = Code(kind: .unknownFaultKind)
        /// No asset, tag or device of the plant has that name.
        public static let unknownTarget = Code(kind: .unknownTarget)
        /// The target exists but cannot have that fault (drift on a string tag, bearing wear on a conveyor).
        public static let faultNotApplicable = Code(kind: .faultNotApplicable)
        /// The fault to clear is not active.
        public static let faultNotActive = Code(kind: .faultNotActive)

        public var description: String { kind.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What was wrong and what would be accepted; safe to log and to show.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
