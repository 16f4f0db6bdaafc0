extension SchedulingProblem {
    /// The problem to solve again at `time` after something changed (a new job, a breakdown window, a
    /// longer operation): every operation of `schedule` that started before `time` is frozen where it is,
    /// and nothing else may start before `time`.
    ///
    /// Apply the change to the problem first (append new jobs at the end, so that operation ids stay), then
    /// call this with the schedule being carried out. A feasible schedule freezes every predecessor of a
    /// frozen operation too, as `validate()` requires.
    /// - Complexity: O(operations of the schedule).
    public func rescheduled(keeping schedule: Schedule, at time: Int) -> SchedulingProblem {
        var problem = self
        problem.frozen = schedule.operations.filter { $0.start < time && operation($0.id) != nil }
            .map { FrozenOperation(id: $0.id, machine: $0.machine, start: $0.start) }
        problem.notBefore = max(notBefore, time)
        return problem
    }
}
