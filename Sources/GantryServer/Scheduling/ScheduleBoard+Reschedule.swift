import Foundation
import GantryScheduling

extension ScheduleBoard {
    /// Queues a new solve of the problem of `id` after `body`'s event, starting from its schedule; `nil` when
    /// no record `id` is kept. Refused with 409 while the source has no schedule yet, and with 422 when the
    /// event does not fit the problem (an unknown machine or operation, an empty window) or the work already
    /// started at `at`, before anything is kept.
    func reschedule(_ id: UUID, _ body: RescheduleBody, by principal: Principal) throws -> ScheduleRecord? {
        guard let source = record(id), source.isVisible(to: principal) else { return nil }
        guard let result = source.result else {
            throw APIError(
                .conflict, title: "Not possible now", type: "schedule-state",
                detail: "schedule \(id) is \(source.state.rawValue) and has no schedule to start from; "
                    + "reschedule a done one")
        }
        guard (0...limits.maximumTime).contains(body.at) else {
            throw APIError(
                .unprocessableContent, title: "Validation failed", type: "validation",
                detail: "'at' is \(body.at); it must be from 0 to \(limits.maximumTime) (seconds)")
        }
        let event = try Self.event(body.event, for: source, limits: limits)
        // What started before `at` must stay where it is: an event that contradicts it (a breakdown under an
        // operation that started after the machine stopped) is refused now, not after queueing.
        _ = try Rescheduler.prepare(source.problem, current: result.schedule, at: body.at, after: event)
        let record = ScheduleRecord(
            createdBy: principal.user.username, origin: "reschedule", problem: try source.problem.applying(event),
            machineNames: source.machineNames, assets: source.assets, settings: body.settings,
            work: .reschedule(
                .init(source: id, problem: source.problem, current: result.schedule, at: body.at, event: event)))
        return try submit(record)
    }

    /// The event in the solver's model, checked against the source's problem (the event applied, with nothing
    /// frozen yet, must be a valid problem within the limits).
    static func event(
        _ body: RescheduleEventBody, for source: ScheduleRecord, limits: ScheduleLimits
    ) throws -> ScheduleEvent {
        let problem = source.problem
        let event: ScheduleEvent
        switch body {
        case .machineDown(let reference, let from, let to):
            let machine: Int
            switch reference {
            case .index(let index): machine = index
            case .name(let name):
                guard let index = source.machineNames.firstIndex(of: name) else {
                    throw SchedulingError(.unknownMachine, "the machine down, '\(name)', is not one of the problem's")
                }
                machine = index
            }
            event = .machineDown(machine: machine, from: from, to: to)
        case .rushJob(let job):
            let machines: MachineList =
                source.machineNames.isEmpty ? .count(problem.machineCount) : .names(source.machineNames)
            let (single, _) = try ProblemBody(machines: machines, jobs: [job], windows: [], objective: .makespan)
                .model()
            event = .rushJob(single.jobs[0])
        case .operationLate(let job, let operation, let extraDuration):
            event = .operationLate(OperationID(job: job, operation: operation), extraDuration: extraDuration)
        }
        var changed = try problem.applying(event)
        try limits.check(changed)
        changed.frozen = []
        changed.notBefore = 0
        try changed.validate()
        return event
    }

    /// Applies the event to the source's problem, keeps what started before `at` and solves again from the
    /// current schedule.
    static func reschedule(
        _ reschedule: ScheduleRecord.Reschedule, options: SolverOptions, progress: SolveProgressLog
    ) async throws(SchedulingError) -> Outcome {
        let rescheduled = try await Rescheduler.reschedule(
            reschedule.problem, current: reschedule.current, at: reschedule.at, after: reschedule.event,
            options: options
        ) { progress.record($0) }
        return Outcome(
            problem: rescheduled.problem, result: rescheduled.result, movedOperations: rescheduled.movedOperations)
    }
}
