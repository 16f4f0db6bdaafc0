/// A new best objective value (with its makespan) found during a solve, for a progress display or a
/// "best over time" curve.
public struct SolverProgress: Hashable, Sendable {
    /// Time since the solve started.
    public var elapsed: Duration
    public var makespan: Int
    /// The objective's value (equal to `makespan` when the makespan is the objective).
    public var objectiveValue: Int
    /// The worker that found it, and its iteration count then.
    public var worker: Int
    public var iteration: Int

    public init(elapsed: Duration, makespan: Int, objectiveValue: Int, worker: Int, iteration: Int) {
        self.elapsed = elapsed
        self.makespan = makespan
        self.objectiveValue = objectiveValue
        self.worker = worker
        self.iteration = iteration
    }
}

/// What a solve returns: the best schedule (checked by `ScheduleChecker`), its bound and how it got there.
public struct SolverResult: Sendable {
    /// Why the search ended.
    public enum StopReason: Hashable, Sendable {
        /// The objective reached its lower bound (the makespan's, or zero tardiness): the schedule is optimal.
        case optimal
        /// The objective reached `SolverOptions.target`.
        case target
        /// The time or iteration limit was reached, or the task was cancelled.
        case limit
        /// A critical path with no reorderable operation: no move of this solver can improve the schedule.
        case noImprovingMove
    }

    public var schedule: Schedule
    public var makespan: Int
    /// The value of the problem's objective for `schedule`.
    public var objectiveValue: Int
    /// A lower bound on the makespan (whatever the objective).
    public var lowerBound: Int
    /// Iterations over all workers.
    public var iterations: Int
    /// Every improvement of the overall best objective value, in time order; the first entry is the priority-rule schedule.
    public var progress: [SolverProgress]
    public var stopReason: StopReason

    /// Whether the schedule is proven optimal for the objective (the makespan at its lower bound, or no
    /// tardiness at all).
    public var isOptimal: Bool { stopReason == .optimal }

    /// `(makespan − lowerBound) / lowerBound`: an upper bound on the distance to the optimum.
    public var gapToLowerBound: Double {
        lowerBound > 0 ? Double(makespan - lowerBound) / Double(lowerBound) : 0
    }
}
