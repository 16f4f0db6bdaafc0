/// Makes a new schedule when the shop floor departs from the current one, keeping what has already started
/// and starting the search from the current plan, so that operations move only when that pays.
public enum Rescheduler {
    /// Applies `event` to `problem`, freezes every operation of `current` that started before `time` (except one
    /// that `event` interrupts, and whatever follows it in its job), lets nothing else start before `time`, and
    /// solves from `current`'s machine orders.
    /// - Throws: `SchedulingError` when the event does not fit the problem, when what is frozen cannot be kept
    ///   (e.g. an operation that started is now late into the next one that started on its machine), or from
    ///   the solver.
    public static func reschedule(
        _ problem: SchedulingProblem, current: Schedule, at time: Int, after event: ScheduleEvent,
        options: SolverOptions = SolverOptions(), progress: (@Sendable (SolverProgress) -> Void)? = nil
    ) async throws(SchedulingError) -> Rescheduled {
        let (next, restarted) = try prepare(problem, current: current, at: time, after: event)
        var options = options
        options.start = current
        let result = try await SchedulingSolver.solve(next, options: options, progress: progress)
        return Rescheduled(
            problem: next, result: result, movedOperations: result.schedule.movedOperations(since: current),
            restartedOperations: restarted.sorted())
    }

    /// The problem `reschedule` would solve, validated, and the operations the event interrupts: cheap (no
    /// search), so that a caller can refuse an event that contradicts work already started before queueing it.
    /// - Throws: `SchedulingError` as `reschedule` does before it searches.
    public static func prepare(
        _ problem: SchedulingProblem, current: Schedule, at time: Int, after event: ScheduleEvent
    ) throws(SchedulingError) -> (problem: SchedulingProblem, restarted: Set<OperationID>) {
        let changed = try problem.applying(event)
        var next = changed.rescheduled(keeping: current, at: time)
        let restarted = interrupted(by: event, in: current, problem: changed)
        if !restarted.isEmpty { next.frozen.removeAll { restarted.contains($0.id) } }
        try next.validate()
        return (next, restarted)
    }

    /// The operations a breakdown cuts short (started before the machine stopped, not done by then) and every
    /// operation after them in their jobs or through extra precedences, which can no longer be where they were.
    static func interrupted(
        by event: ScheduleEvent, in current: Schedule, problem: SchedulingProblem
    ) -> Set<OperationID> {
        guard case .machineDown(let machine, let from, _) = event else { return [] }
        var pending = current.operations.filter { $0.machine == machine && $0.start < from && $0.end > from }.map(\.id)
        var closure = Set<OperationID>()
        while let id = pending.popLast() {
            guard closure.insert(id).inserted else { continue }
            if id.operation + 1 < (problem.jobs.indices.contains(id.job) ? problem.jobs[id.job].operations.count : 0) {
                pending.append(OperationID(job: id.job, operation: id.operation + 1))
            }
            pending += problem.precedences.filter { $0.before == id }.map(\.after)
        }
        return closure
    }
}

/// A new schedule after an event, and how much of the old one it changed.
public struct Rescheduled: Sendable {
    /// The problem that was solved: the event applied, started work frozen, nothing earlier than the event's time.
    public var problem: SchedulingProblem
    public var result: SolverResult
    /// Operations of the old schedule that now start at another time or on another machine (new operations
    /// of a rush job are not counted).
    public var movedOperations: Int
    /// Operations a breakdown interrupted (with their successors), which start again after it.
    public var restartedOperations: [OperationID]
}

extension Schedule {
    /// How many of `earlier`'s operations this schedule starts at another time or on another machine.
    /// - Complexity: O(o) for o operations.
    public func movedOperations(since earlier: Schedule) -> Int {
        var before: [OperationID: ScheduledOperation] = [:]
        for operation in earlier.operations { before[operation.id] = operation }
        return operations.count { operation in
            guard let old = before[operation.id] else { return false }
            return old.machine != operation.machine || old.start != operation.start
        }
    }
}
