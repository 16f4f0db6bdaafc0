/// A time during which a machine cannot work (maintenance, a shift without staff): no operation on it may
/// overlap `start..<end`.
public struct MachineWindow: Hashable, Sendable, Codable {
    public var machine: Int
    public var start: Int
    public var end: Int

    public init(machine: Int, start: Int, end: Int) {
        self.machine = machine
        self.start = start
        self.end = end
    }
}

/// An extra precedence between operations of different jobs (an assembly waits for its parts): `after`
/// starts no earlier than `before` ends.
public struct Precedence: Hashable, Sendable, Codable {
    public var before: OperationID
    public var after: OperationID

    public init(before: OperationID, after: OperationID) {
        self.before = before
        self.after = after
    }
}

/// An operation that has started or finished: rescheduling keeps it where it is, on `machine` from `start`.
public struct FrozenOperation: Hashable, Sendable, Codable {
    public var id: OperationID
    public var machine: Int
    public var start: Int

    public init(id: OperationID, machine: Int, start: Int) {
        self.id = id
        self.machine = machine
        self.start = start
    }
}

/// Sequence-dependent setup times: changing a machine over from one job's operation to another's takes
/// `times[machine][fromJob][toJob]` time units, during which the machine does nothing else.
///
/// Machines without a matrix need no setup. Setups sit between two operations on a machine; there is no
/// setup before a machine's first operation.
public struct SetupTimes: Hashable, Sendable, Codable {
    /// Per machine, a `jobCount × jobCount` matrix.
    public var times: [Int: [[Int]]]

    public init(_ times: [Int: [[Int]]] = [:]) {
        self.times = times
    }

    public var isEmpty: Bool { times.isEmpty }

    /// The setup on `machine` between an operation of `fromJob` and the next one, of `toJob`.
    public func time(on machine: Int, from fromJob: Int, to toJob: Int) -> Int {
        times[machine]?[fromJob][toJob] ?? 0
    }
}

/// What the solver minimises.
public enum Objective: Hashable, Sendable, Codable {
    /// The end of the last operation.
    case makespan
    /// Σ weight × max(0, end − due) over jobs with a due date.
    case totalWeightedTardiness
    /// `makespanWeight` × makespan + `tardinessWeight` × total weighted tardiness.
    case weightedSum(makespanWeight: Int, tardinessWeight: Int)
}
