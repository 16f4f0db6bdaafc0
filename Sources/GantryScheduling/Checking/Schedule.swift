/// One operation placed in time: on `machine` from `start` to `end` (exclusive).
public struct ScheduledOperation: Hashable, Sendable, Codable {
    public var id: OperationID
    public var machine: Int
    public var start: Int
    public var end: Int

    public init(id: OperationID, machine: Int, start: Int, end: Int) {
        self.id = id
        self.machine = machine
        self.start = start
        self.end = end
    }
}

/// A schedule: where and when every operation runs. Plain data, so that anyone (a planner's edit, another
/// solver) can produce one and `ScheduleChecker` can judge it.
public struct Schedule: Hashable, Sendable, Codable {
    public var operations: [ScheduledOperation]

    public init(operations: [ScheduledOperation]) {
        self.operations = operations
    }

    /// The end of the last operation (0 for an empty schedule).
    public var makespan: Int { operations.map(\.end).max() ?? 0 }

    /// Σ weight × max(0, completion − due) over the jobs of `problem` that have a due date.
    /// - Complexity: O(operations + jobs).
    public func totalWeightedTardiness(in problem: SchedulingProblem) -> Int {
        var completion = [Int](repeating: 0, count: problem.jobs.count)
        for operation in operations where problem.jobs.indices.contains(operation.id.job) {
            completion[operation.id.job] = max(completion[operation.id.job], operation.end)
        }
        return problem.jobs.indices.reduce(0) { sum, j in
            guard let due = problem.jobs[j].due else { return sum }
            return sum + problem.jobs[j].weight * max(0, completion[j] - due)
        }
    }

    /// The value of the problem's objective for this schedule (lower is better).
    public func objectiveValue(in problem: SchedulingProblem) -> Int {
        switch problem.objective {
        case .makespan: makespan
        case .totalWeightedTardiness: totalWeightedTardiness(in: problem)
        case .weightedSum(let makespanWeight, let tardinessWeight):
            makespanWeight * makespan + tardinessWeight * totalWeightedTardiness(in: problem)
        }
    }
}
