/// Something that happened on the shop floor after a schedule was made, which makes it wrong.
public enum ScheduleEvent: Hashable, Sendable {
    /// A machine cannot work from `from` to `to` (a breakdown, or maintenance brought forward). An operation
    /// running on it when it stops is interrupted and must start again after the window.
    case machineDown(machine: Int, from: Int, to: Int)
    /// A job to fit in (a rush order); it becomes the last job, so that every other job keeps its number.
    case rushJob(Job)
    /// An operation takes `extraDuration` longer than planned, on every machine that can run it.
    case operationLate(OperationID, extraDuration: Int)
}

extension SchedulingProblem {
    /// The problem with `event` applied, before anything is frozen.
    /// - Throws: `SchedulingError` naming the machine, job or operation the event refers to when it does not
    ///   exist, or when its times make no sense (an empty window, a negative delay).
    public func applying(_ event: ScheduleEvent) throws(SchedulingError) -> SchedulingProblem {
        var problem = self
        switch event {
        case .machineDown(let machine, let from, let to):
            guard (0..<machineCount).contains(machine) else {
                throw SchedulingError(
                    .unknownMachine, "machine \(machine) went down, but the problem has machines 0..<\(machineCount)")
            }
            guard from < to else {
                throw SchedulingError(
                    .invalidWindow,
                    "machine \(machine) is down from \(from) to \(to): the window must end after it starts")
            }
            problem.windows.append(MachineWindow(machine: machine, start: from, end: to))
        case .rushJob(let job):
            problem.jobs.append(job)
        case .operationLate(let id, let extraDuration):
            guard self.operation(id) != nil else {
                throw SchedulingError(
                    .unknownOperation, "\(id) is late, but the problem has no such operation", job: id.job,
                    operation: id.operation)
            }
            guard extraDuration >= 0 else {
                throw SchedulingError(
                    .negativeDuration, "\(describe(id)) cannot be late by \(extraDuration): a delay is not negative",
                    job: id.job, operation: id.operation)
            }
            for index in problem.jobs[id.job].operations[id.operation].alternatives.indices {
                problem.jobs[id.job].operations[id.operation].alternatives[index].duration += extraDuration
            }
        }
        return problem
    }
}
