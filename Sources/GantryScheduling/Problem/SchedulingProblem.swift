/// A production scheduling problem: jobs routed over machines, with the plant's constraints and the objective.
///
/// A classical job shop has one alternative per operation; a flexible job shop has several. Times are integer
/// units (seconds or minutes, as the caller chooses). Indices of jobs, operations and machines are 0-based.
/// The value is plain data; `validate()` says whether a solver can take it.
public struct SchedulingProblem: Hashable, Sendable, Codable {
    public var machineCount: Int
    public var jobs: [Job]
    public var setups: SetupTimes
    public var windows: [MachineWindow]
    public var precedences: [Precedence]
    /// Operations already started or done, which keep their machine and start.
    public var frozen: [FrozenOperation]
    /// No operation that is not frozen starts before this time ("now", when rescheduling).
    public var notBefore: Int
    public var objective: Objective

    public init(
        machineCount: Int, jobs: [Job], setups: SetupTimes = SetupTimes(), windows: [MachineWindow] = [],
        precedences: [Precedence] = [], frozen: [FrozenOperation] = [], notBefore: Int = 0,
        objective: Objective = .makespan
    ) {
        self.machineCount = machineCount
        self.jobs = jobs
        self.setups = setups
        self.windows = windows
        self.precedences = precedences
        self.frozen = frozen
        self.notBefore = notBefore
        self.objective = objective
    }

    /// The number of operations over all jobs.
    public var operationCount: Int { jobs.reduce(0) { $0 + $1.operations.count } }

    /// Whether every operation has exactly one machine (a classical job shop rather than a flexible one).
    public var isClassical: Bool { jobs.allSatisfy { $0.operations.allSatisfy { $0.alternatives.count == 1 } } }

    /// The operation at `id`, or nil when there is none.
    public func operation(_ id: OperationID) -> JobOperation? {
        guard jobs.indices.contains(id.job), jobs[id.job].operations.indices.contains(id.operation) else { return nil }
        return jobs[id.job].operations[id.operation]
    }

    /// Every operation's place, job by job in route order.
    public var operationIDs: [OperationID] {
        jobs.indices.flatMap { job in jobs[job].operations.indices.map { OperationID(job: job, operation: $0) } }
    }

    /// How messages name a job: its index, and its name when it has one.
    func describeJob(_ job: Int) -> String {
        guard jobs.indices.contains(job), let name = jobs[job].name else { return "job \(job)" }
        return "job \(job) (\(name))"
    }

    /// How messages name an operation: its place, and the job's name when it has one.
    func describe(_ id: OperationID) -> String {
        "\(describeJob(id.job)), operation \(id.operation)"
    }
}
