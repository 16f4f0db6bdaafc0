/// Judges a schedule against its problem, independently of how it was made.
///
/// It shares no data structure with the solver (it reads only `SchedulingProblem` and `Schedule`), so a bug
/// in the solver's graph cannot hide itself here; the solver runs it on every schedule it returns.
public enum ScheduleChecker {
    /// Every violation of `schedule` against `problem`; empty when the schedule is feasible.
    ///
    /// Intervals are half-open (`start..<end`): an operation may start when another ends; an operation of
    /// length zero never overlaps another operation but must not sit strictly inside an unavailability window.
    /// - Complexity: O(o log o + o·w + p) for o operations, w windows and p extra precedences.
    public static func violations(of schedule: Schedule, for problem: SchedulingProblem) -> [ScheduleViolation] {
        var violations: [ScheduleViolation] = []
        var placed: [OperationID: ScheduledOperation] = [:]
        let frozen = Dictionary(problem.frozen.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for scheduled in schedule.operations {
            let id = scheduled.id
            guard let operation = problem.operation(id) else {
                violations.append(.unknownOperation(id))
                continue
            }
            guard placed.updateValue(scheduled, forKey: id) == nil else {
                violations.append(.duplicate(id))
                continue
            }
            if let expected = operation.duration(on: scheduled.machine) {
                if scheduled.end - scheduled.start != expected {
                    violations.append(.wrongDuration(id, expected: expected, actual: scheduled.end - scheduled.start))
                }
            } else {
                violations.append(.wrongMachine(id, machine: scheduled.machine))
            }
            if let f = frozen[id] {
                if f.machine != scheduled.machine, operation.duration(on: scheduled.machine) != nil {
                    violations.append(.wrongMachine(id, machine: scheduled.machine))
                }
                if f.start != scheduled.start {
                    violations.append(.frozenMoved(id, start: scheduled.start, frozenAt: f.start))
                }
            } else {
                let earliest = max(problem.jobs[id.job].release, problem.notBefore, 0)
                if scheduled.start < earliest {
                    violations.append(.tooEarly(id, start: scheduled.start, earliest: earliest))
                }
            }
            for window in problem.windows
            where window.machine == scheduled.machine && scheduled.start < window.end && scheduled.end > window.start {
                violations.append(.unavailable(id, window: window))
            }
        }
        for id in problem.operationIDs where placed[id] == nil { violations.append(.missing(id)) }
        violations += precedenceViolations(placed, problem)
        violations += machineViolations(placed, problem, frozen: frozen)
        return violations
    }

    private static func precedenceViolations(
        _ placed: [OperationID: ScheduledOperation], _ problem: SchedulingProblem
    ) -> [ScheduleViolation] {
        var pairs: [(OperationID, OperationID)] = []
        for id in problem.operationIDs where id.operation > 0 {
            pairs.append((OperationID(job: id.job, operation: id.operation - 1), id))
        }
        pairs += problem.precedences.map { ($0.before, $0.after) }
        return pairs.compactMap { before, after in
            guard let b = placed[before], let a = placed[after], a.start < b.end else { return nil }
            return .precedence(before: before, after: after)
        }
    }

    private static func machineViolations(
        _ placed: [OperationID: ScheduledOperation], _ problem: SchedulingProblem,
        frozen: [OperationID: FrozenOperation]
    ) -> [ScheduleViolation] {
        // Setups between two frozen operations are history: they were done however long they took.
        var violations: [ScheduleViolation] = []
        let byMachine = Dictionary(grouping: placed.values, by: \.machine)
        for machine in byMachine.keys.sorted() {
            let sequence = byMachine[machine]!.sorted { ($0.start, $0.end, $0.id) < ($1.start, $1.end, $1.id) }
            var longest: ScheduledOperation?  // the operation reaching furthest so far
            var previous: ScheduledOperation?
            for current in sequence {
                if let l = longest, current.start < l.end, current.end > current.start, l.end > l.start {
                    violations.append(.overlap(machine: machine, l.id, current.id))
                } else if let p = previous, frozen[p.id] == nil || frozen[current.id] == nil {
                    let required = problem.setups.time(on: machine, from: p.id.job, to: current.id.job)
                    let gap = current.start - p.end
                    if gap < required {
                        violations.append(
                            .setup(machine: machine, from: p.id, to: current.id, required: required, gap: gap))
                    }
                }
                if current.end > current.start, current.end > (longest?.end ?? Int.min) { longest = current }
                previous = current
            }
        }
        return violations
    }
}
