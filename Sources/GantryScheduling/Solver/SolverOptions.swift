/// How long and how the solver searches.
///
/// The solver is anytime: it stops at the first of the time limit, the iteration limit (per worker), a proven
/// optimum (the lower bound), the target, or the cancellation of its task, and returns the best schedule so far. With an
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
    /// A schedule the first worker starts from instead of a priority rule (the plan being carried out, when
    /// rescheduling), so that a solution no better than it is kept unchanged; nil for none.
    public var start: Schedule?
    /// An objective value that is good enough: the search stops as soon as it reaches it (a known optimum, or a
    /// planner's "this makespan will do"); nil to search until the other limits.
    public var target: Int?
    /// Called with every new best schedule over all workers while the search runs (for a chart that fills in
    /// as the solve goes), in improving order, beside `progress`; nil for none. Each call costs O(operations)
    /// to build the schedule, and a solve improves at most (first objective − final objective) times, so the
    /// cost stays small against the search; throttling instead would leave the chart behind the best.
    public var snapshots: (@Sendable (Schedule) -> Void)?

    /// Defaults: seed 1, two workers, 10 s, no iteration limit.
    public init(
        seed: UInt64 = 1, workers: Int = 2, timeLimit: Duration? = .seconds(10), iterationLimit: Int? = nil,
        clock: SolverClock = .continuous, start: Schedule? = nil, target: Int? = nil,
        snapshots: (@Sendable (Schedule) -> Void)? = nil
    ) {
        self.snapshots = snapshots
        self.seed = seed
        self.workers = workers
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.clock = clock
        self.start = start
        self.target = target
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
