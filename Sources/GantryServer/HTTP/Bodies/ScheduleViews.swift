import Foundation
import GantryCore
import GantryScheduling
import Hummingbird

/// A solve as the API shows it: its state and, in full, its progress and result. Lists show the summary
/// (no progress, no result).
struct ScheduleView: ResponseEncodable {
    let id: UUID
    let state: String
    let origin: String
    let createdAt: Timestamp
    let createdBy: String
    let startedAt: Timestamp?
    let finishedAt: Timestamp?
    let jobs: Int
    let machines: Int
    let operations: Int
    let objective: ObjectiveBody
    let timeLimitSeconds: Int
    let seed: UInt64
    let iterationLimit: Int?
    /// The best schedule's makespan and objective value so far (or at the end).
    let best: ScheduleProgressPoint?
    /// The machines' names by index (asset paths for a plant problem); absent when they are numbered only.
    let machineNames: [String]?
    let rescheduledFrom: UUID?
    /// Every improvement of the best objective value, in time order.
    let progress: [ScheduleProgressPoint]?
    let result: ScheduleResultView?
    /// Why the solve failed.
    let error: ScheduleFailure?

    init(_ record: ScheduleRecord, full: Bool = true) {
        id = record.id
        state = record.state.rawValue
        origin = record.origin
        createdAt = record.createdAt
        createdBy = record.createdBy
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        jobs = record.problem.jobs.count
        machines = record.problem.machineCount
        operations = record.problem.operationCount
        objective = ObjectiveBody(record.problem.objective)
        timeLimitSeconds = record.settings.timeLimitSeconds
        seed = record.settings.seed
        iterationLimit = record.settings.iterationLimit
        best = record.progress.best.map(ScheduleProgressPoint.init)
        machineNames = record.machineNames.isEmpty ? nil : record.machineNames
        if case .reschedule(let reschedule) = record.work {
            rescheduledFrom = reschedule.source
        } else {
            rescheduledFrom = nil
        }
        progress = full ? record.progress.all.map(ScheduleProgressPoint.init) : nil
        result = full ? record.result.map { ScheduleResultView(record, $0) } : nil
        error = record.failure.map(ScheduleFailure.init)
    }
}

/// `GET /api/v1/schedules`: the kept solves, most recent first.
struct ScheduleList: ResponseEncodable {
    let items: [ScheduleView]
}

/// A new best schedule during a solve.
struct ScheduleProgressPoint: Encodable, Sendable {
    let elapsedMs: Int
    let makespan: Int
    let objective: Int
    let iteration: Int

    init(_ progress: SolverProgress) {
        let (seconds, attoseconds) = progress.elapsed.components
        elapsedMs = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        makespan = progress.makespan
        objective = progress.objectiveValue
        iteration = progress.iteration
    }
}

/// A solve's refusal, as `SchedulingError` has it.
struct ScheduleFailure: Encodable, Sendable {
    let code: String
    let message: String
    let job: Int?
    let operation: Int?

    init(_ error: SchedulingError) {
        code = error.code.description
        message = error.message
        job = error.job
        operation = error.operation
    }
}

/// The schedule a solve found: where and when every operation runs, the machines' downtime (for a Gantt
/// chart) and, for a reschedule, which operations moved.
struct ScheduleResultView: Encodable, Sendable {
    struct Operation: Encodable, Sendable {
        let job: Int
        let operation: Int
        let machine: Int
        let start: Int
        let end: Int
        let jobName: String?
        let machineName: String?
        /// Kept where it was because it had started before the reschedule's time.
        let frozen: Bool?
        /// Placed elsewhere (machine or start) than in the schedule it was rescheduled from (a rush job's new
        /// operations are not moved).
        let moved: Bool?
    }

    struct Window: Encodable, Sendable {
        let machine: Int
        let start: Int
        let end: Int
        let machineName: String?
    }

    let makespan: Int
    let lowerBound: Int
    let objectiveValue: Int
    /// `optimal`, `target` (an objective value asked for was reached), `limit` (time, iterations or a cancel) or
    /// `noImprovingMove`.
    let stopReason: String
    let iterations: Int
    let operations: [Operation]
    let windows: [Window]
    let movedOperations: Int?
    let rescheduledFrom: UUID?
    /// The reschedule's time: operations starting before it were kept.
    let rescheduledAt: Int?

    init(_ record: ScheduleRecord, _ result: SolverResult) {
        let problem = record.problem
        let names = record.machineNames
        func machineName(_ machine: Int) -> String? { names.indices.contains(machine) ? names[machine] : nil }
        var previous: [OperationID: ScheduledOperation] = [:]
        if case .reschedule(let reschedule) = record.work {
            for operation in reschedule.current.operations { previous[operation.id] = operation }
            rescheduledFrom = reschedule.source
            rescheduledAt = reschedule.at
        } else {
            rescheduledFrom = nil
            rescheduledAt = nil
        }
        let frozen = Set(problem.frozen.map(\.id))
        let isReschedule = rescheduledFrom != nil
        makespan = result.makespan
        lowerBound = result.lowerBound
        objectiveValue = result.objectiveValue
        stopReason =
            switch result.stopReason {
            case .optimal: "optimal"
            case .target: "target"
            case .limit: "limit"
            case .noImprovingMove: "noImprovingMove"
            }
        iterations = result.iterations
        operations = result.schedule.operations
            .sorted { ($0.machine, $0.start, $0.id) < ($1.machine, $1.start, $1.id) }
            .map { scheduled in
                let before = previous[scheduled.id]
                return Operation(
                    job: scheduled.id.job, operation: scheduled.id.operation, machine: scheduled.machine,
                    start: scheduled.start, end: scheduled.end,
                    jobName: problem.jobs.indices.contains(scheduled.id.job)
                        ? problem.jobs[scheduled.id.job].name : nil,
                    machineName: machineName(scheduled.machine),
                    frozen: isReschedule ? frozen.contains(scheduled.id) : nil,
                    moved: isReschedule
                        ? before.map { $0.machine != scheduled.machine || $0.start != scheduled.start } ?? false : nil)
            }
        windows = problem.windows.map {
            Window(machine: $0.machine, start: $0.start, end: $0.end, machineName: machineName($0.machine))
        }
        movedOperations = record.movedOperations
    }
}
