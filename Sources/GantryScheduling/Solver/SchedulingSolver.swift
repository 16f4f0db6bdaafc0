import Synchronization

/// The production scheduler's entry point: validates a problem, runs independent tabu searches in parallel
/// (one per worker, each from its own priority-rule schedule and seed, on threads of the solve's own rather
/// than the caller's cooperative pool) and returns the best schedule after the independent `ScheduleChecker`
/// has accepted it.
///
/// Machine orders are searched for a fixed machine assignment, which the priority rule chooses for a flexible
/// job shop. Release dates, extra precedences, setups, unavailability windows and frozen operations are
/// respected by the schedule builder. For the makespan, moves are judged by a fast estimate; for the tardiness
/// objectives, by recomputing the schedule (slower per iteration), on critical paths to late jobs.
public enum SchedulingSolver {
    /// Solves `problem` within `options`' limits, calling `progress` (from a worker's task) whenever the best
    /// makespan over all workers improves (one call at a time, in improving order; keep it short).
    /// - Throws: `SchedulingError` when the problem is invalid, or (`internalError`) when the
    ///   checker rejects the solver's schedule.
    /// - Complexity: per iteration O(o + p + Σ critical block lengths²); iterations are bounded by `options`.
    public static func solve(
        _ problem: SchedulingProblem, options: SolverOptions = SolverOptions(),
        progress: (@Sendable (SolverProgress) -> Void)? = nil
    ) async throws(SchedulingError) -> SolverResult {
        try problem.validate()
        let flat = FlatProblem(problem)
        let lowerBound = LowerBound.makespan(flat)
        let objectiveBound =
            switch problem.objective {
            case .makespan: lowerBound
            case .totalWeightedTardiness: 0
            case .weightedSum(let makespanWeight, _): makespanWeight * lowerBound
            }
        let shared = SharedProgress(options, report: progress)
        let workerCount = max(1, options.workers)
        let outcomes = await SolverThreads.run(workers: workerCount) {
            await withTaskGroup(of: WorkerOutcome.self) { group in
                for worker in 0..<workerCount {
                    group.addTask {
                        runWorker(worker, flat, lowerBound: objectiveBound, options: options, shared: shared)
                    }
                }
                var outcomes: [WorkerOutcome] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes.sorted { ($0.score, $0.worker) < ($1.score, $1.worker) }
            }
        }
        let winner = outcomes[0]
        let schedule = winner.schedule
        let violations = ScheduleChecker.violations(of: schedule, for: problem)
        guard violations.isEmpty else {
            throw SchedulingError(
                .internalError,
                "the solver built an infeasible schedule (a bug): "
                    + violations.prefix(3).map(\.description).joined(separator: "; "))
        }
        let stopReason: SolverResult.StopReason =
            if winner.score <= objectiveBound {
                .optimal
            } else if let target = options.target, winner.score <= target {
                .target
            } else if outcomes.contains(where: { $0.stop == .noMoves }) {
                .noImprovingMove
            } else {
                .limit
            }
        return SolverResult(
            schedule: schedule, makespan: schedule.makespan, objectiveValue: schedule.objectiveValue(in: problem),
            lowerBound: lowerBound,
            iterations: outcomes.reduce(0) { $0 + $1.iterations }, progress: shared.trace, stopReason: stopReason)
    }

    private struct WorkerOutcome: Sendable {
        var worker: Int
        var score: Int
        var schedule: Schedule
        var iterations: Int
        var stop: TabuSearch.Stop
    }

    private static func runWorker(
        _ worker: Int, _ problem: FlatProblem, lowerBound: Int, options: SolverOptions, shared: SharedProgress
    ) -> WorkerOutcome {
        var seeder = SplitMix64(seed: options.seed ^ (UInt64(worker) &* 0xD1B5_4A32_D192_ED03))
        // Worker 0 starts from the given schedule, so that ties (sorted by worker) keep the plan as it was.
        let start = worker == 0 ? options.start.flatMap { StartingOrders.from($0, problem) } : nil
        var search = TabuSearch(problem, lowerBound: lowerBound, seed: seeder.next(), start: start)
        let first = search.state
        shared.offer(search.best.score, makespan: search.best.makespan, worker: worker, iteration: 0) {
            first.schedule(problem)
        }
        let stop = search.run(
            iterationLimit: options.iterationLimit ?? Int.max,
            shouldStop: { shared.shouldStop(timeLimit: options.timeLimit) || Task.isCancelled },
            improved: { iteration, makespan, score, schedule in
                shared.offer(score, makespan: makespan, worker: worker, iteration: iteration, schedule: schedule)
            })
        if stop == .lowerBound { shared.stopAll() }
        let state = search.bestState()
        return WorkerOutcome(
            worker: worker, score: state.score, schedule: state.schedule(problem), iterations: search.iterations,
            stop: stop)
    }
}

/// What the workers share: the overall best makespan and its history, and the flag that stops them all once
/// one has proven optimality. Guarded by its mutex and atomic, hence `Sendable`.
private final class SharedProgress: Sendable {
    private let clock: SolverClock
    private let origin: Duration
    private let report: (@Sendable (SolverProgress) -> Void)?
    private let snapshots: (@Sendable (Schedule) -> Void)?
    private let target: Int?
    private let state = Mutex<[SolverProgress]>([])
    private let stopped = Atomic<Bool>(false)

    init(_ options: SolverOptions, report: (@Sendable (SolverProgress) -> Void)?) {
        clock = options.clock
        target = options.target
        snapshots = options.snapshots
        origin = clock.now()
        self.report = report
    }

    var elapsed: Duration { clock.now() - origin }

    var trace: [SolverProgress] { state.withLock { $0 } }

    /// Records `score` when it beats every worker's best so far, tells the caller's callbacks, and builds the
    /// schedule only when snapshots are asked for.
    func offer(_ score: Int, makespan: Int, worker: Int, iteration: Int, schedule: () -> Schedule) {
        let entry = SolverProgress(
            elapsed: elapsed, makespan: makespan, objectiveValue: score, worker: worker, iteration: iteration)
        // The callbacks run under the lock, so that reports from two workers arrive in improving order.
        state.withLock { trace in
            guard trace.last.map({ score < $0.objectiveValue }) ?? true else { return }
            trace.append(entry)
            report?(entry)
            snapshots?(schedule())
        }
        if let target, score <= target { stopAll() }
    }

    func stopAll() { stopped.store(true, ordering: .relaxed) }

    func shouldStop(timeLimit: Duration?) -> Bool {
        if stopped.load(ordering: .relaxed) { return true }
        guard let timeLimit else { return false }
        return elapsed >= timeLimit
    }
}
