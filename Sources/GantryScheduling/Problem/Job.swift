/// One way to run an operation: on `machine` (0-based) for `duration` time units.
///
/// A classical job shop operation has exactly one alternative; a flexible job shop operation has several,
/// and the solver picks one.
public struct Alternative: Hashable, Sendable, Codable {
    public var machine: Int
    public var duration: Int

    public init(machine: Int, duration: Int) {
        self.machine = machine
        self.duration = duration
    }
}

/// A step of a job's route, run without interruption on one of its alternatives.
public struct JobOperation: Hashable, Sendable, Codable {
    public var alternatives: [Alternative]

    public init(alternatives: [Alternative]) {
        self.alternatives = alternatives
    }

    /// An operation with a single machine, as in the classical job shop.
    public init(machine: Int, duration: Int) {
        self.alternatives = [Alternative(machine: machine, duration: duration)]
    }

    /// The duration on `machine`, or nil when the operation cannot run there.
    public func duration(on machine: Int) -> Int? {
        alternatives.first { $0.machine == machine }?.duration
    }
}

/// An order to produce: operations in route order, each starting after the one before ends.
///
/// `release` is the earliest start of its first operation; `due` and `weight` feed the tardiness objective
/// (a job without a due date is never late).
public struct Job: Hashable, Sendable, Codable {
    /// A name for messages and reports; the job's index is used when it is nil.
    public var name: String?
    public var operations: [JobOperation]
    public var release: Int
    public var due: Int?
    public var weight: Int

    public init(name: String? = nil, operations: [JobOperation], release: Int = 0, due: Int? = nil, weight: Int = 1) {
        self.name = name
        self.operations = operations
        self.release = release
        self.due = due
        self.weight = weight
    }
}

/// An operation's place in a problem: job index and operation index within the job, both 0-based.
public struct OperationID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var job: Int
    public var operation: Int

    public init(job: Int, operation: Int) {
        self.job = job
        self.operation = operation
    }

    public static func < (lhs: OperationID, rhs: OperationID) -> Bool {
        (lhs.job, lhs.operation) < (rhs.job, rhs.operation)
    }

    public var description: String { "job \(job), operation \(operation)" }
}
