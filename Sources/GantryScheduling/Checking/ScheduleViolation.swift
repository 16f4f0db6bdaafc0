/// One way a schedule breaks its problem's rules, naming the operations (and machine) involved.
public enum ScheduleViolation: Hashable, Sendable, CustomStringConvertible {
    /// The problem's operation is not in the schedule.
    case missing(OperationID)
    /// The operation appears more than once.
    case duplicate(OperationID)
    /// The schedule places an operation the problem does not have.
    case unknownOperation(OperationID)
    /// The operation runs on a machine that is not one of its alternatives (or not where it is frozen).
    case wrongMachine(OperationID, machine: Int)
    /// `end − start` is not the operation's duration on its machine.
    case wrongDuration(OperationID, expected: Int, actual: Int)
    /// The operation starts before its job's release date or the problem's `notBefore`.
    case tooEarly(OperationID, start: Int, earliest: Int)
    /// `after` starts before `before` ends, against its route or an extra precedence.
    case precedence(before: OperationID, after: OperationID)
    /// Two operations run at the same time on one machine.
    case overlap(machine: Int, OperationID, OperationID)
    /// The gap between two consecutive operations on a machine is shorter than the setup between them.
    case setup(machine: Int, from: OperationID, to: OperationID, required: Int, gap: Int)
    /// The operation runs while its machine is unavailable.
    case unavailable(OperationID, window: MachineWindow)
    /// A frozen operation was moved from its start.
    case frozenMoved(OperationID, start: Int, frozenAt: Int)

    public var description: String {
        switch self {
        case .missing(let id): "\(id) is not scheduled"
        case .duplicate(let id): "\(id) is scheduled more than once"
        case .unknownOperation(let id): "\(id) is scheduled but the problem has no such operation"
        case .wrongMachine(let id, let machine): "\(id) runs on machine \(machine), which is not allowed for it"
        case .wrongDuration(let id, let expected, let actual): "\(id) lasts \(actual) instead of \(expected)"
        case .tooEarly(let id, let start, let earliest): "\(id) starts at \(start), before \(earliest)"
        case .precedence(let before, let after): "\(after) starts before \(before) ends"
        case .overlap(let machine, let a, let b): "\(a) and \(b) overlap on machine \(machine)"
        case .setup(let machine, let from, let to, let required, let gap):
            "on machine \(machine), \(to) follows \(from) after \(gap) but the setup takes \(required)"
        case .unavailable(let id, let window):
            "\(id) runs while machine \(window.machine) is unavailable (\(window.start)..<\(window.end))"
        case .frozenMoved(let id, let start, let frozenAt): "\(id) is frozen at \(frozenAt) but starts at \(start)"
        }
    }
}
