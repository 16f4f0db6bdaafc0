/// How long and how the solver searches.
///
/// The solver is anytime: it stops at the first of the time limit, the iteration limit (per worker), a proven
/// optimum (the lower bound), or the cancellation of its task, and returns the best schedule so far. With an
/// iteration limit and no time limit a run is reproducible: the same seed gives the same schedule.
public struct SolverOptions: Sendable {
    /// Seeds every random choice; worker w searches with a seed derived from this one and w.
    public var seed: UInt64
    /// Independent searches run in parallel (one per core is right); the best of them is kept.
    public var workers: Int
    /// Wall-clock budget, measured with `clock`; nil for none.
    public var timeLimit: Duration?
    /// Tabu iterations per worker; nil for none.
    public var iterationLimit: Int?
    /// Where time comes from, so that tests can drive the time limit without waiting.
    public var clock: SolverClock

    /// Defaults: seed 1, two workers, 10 s, no iteration limit.
    public init(
        seed: UInt64 = 1, workers: Int = 2, timeLimit: Duration? = .seconds(10), iterationLimit: Int? = nil,
        clock: SolverClock = .continuous
    ) {
        self.seed = seed
        self.workers = workers
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.clock = clock
    }
}

/// A source of elapsed time for the solver's time limit and progress reports.
public struct SolverClock: Sendable {
    /// Time since an arbitrary fixed origin; only differences are used.
    public let now: @Sendable () -> Duration

    public init(now: @escaping @Sendable () -> Duration) {
        self.now = now
    }

    /// The monotonic clock of the process.
    public static var continuous: SolverClock {
        let origin = ContinuousClock.now
        return SolverClock { ContinuousClock.now - origin }
    }
}

/// A new best makespan found during a solve, for a progress display or a "best makespan over time" curve.
public struct SolverProgress: Hashable, Sendable {
    /// Time since the solve started.
    public var elapsed: Duration
    public var makespan: Int
    /// The worker that found it, and its iteration count then.
    public var worker: Int
    public var iteration: Int

    public init(elapsed: Duration, makespan: Int, worker: Int, iteration: Int) {
        self.elapsed = elapsed
        self.makespan = makespan
        self.worker = worker
        self.iteration = iteration
    }
}

/// What a solve returns: the best schedule (checked by `ScheduleChecker`), its bound and how it got there.
public struct SolverResult: Sendable {
    /// Why the search ended.
    public enum StopReason: Hashable, Sendable {
        /// The makespan equals the lower bound: the schedule is optimal.
        case optimal
        /// The time or iteration limit was reached, or the task was cancelled.
        case limit
        /// A critical path with no reorderable operation: no move of this solver can improve the schedule.
        case noImprovingMove
    }

    public var schedule: Schedule
    public var makespan: Int
    public var lowerBound: Int
    /// Iterations over all workers.
    public var iterations: Int
    /// Every improvement of the overall best, in time order; the first entry is the priority-rule schedule.
    public var progress: [SolverProgress]
    public var stopReason: StopReason

    /// Whether the makespan is proven optimal.
    public var isOptimal: Bool { makespan <= lowerBound }

    /// `(makespan − lowerBound) / lowerBound`: an upper bound on the distance to the optimum.
    public var gapToLowerBound: Double {
        lowerBound > 0 ? Double(makespan - lowerBound) / Double(lowerBound) : 0
    }
}
