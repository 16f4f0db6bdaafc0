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
    /// While the solve runs, the best schedule found so far, so that a chart fills in before the result; absent
    /// once there is a result.
    let preview: SchedulePreview?
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
        preview =
            full && record.result == nil ? record.progress.snapshot.map { SchedulePreview(record, $0) } : nil
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

/// The best schedule so far of a running solve: its makespan, operations and the machines' downtime, as the
/// result will have them (a reschedule's `frozen` flags come with the result).
struct SchedulePreview: Encodable, Sendable {
    let makespan: Int
    let operations: [ScheduleResultView.Operation]
    let windows: [ScheduleResultView.Window]
    let rescheduledAt: Int?

    init(_ record: ScheduleRecord, _ schedule: Schedule) {
        makespan = schedule.makespan
        operations = ScheduleResultView.operations(of: schedule, record, frozen: nil)
        windows = ScheduleResultView.windows(record)
        if case .reschedule(let reschedule) = record.work { rescheduledAt = reschedule.at } else { rescheduledAt = nil }
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
        if case .reschedule(let reschedule) = record.work {
            rescheduledFrom = reschedule.source
            rescheduledAt = reschedule.at
        } else {
            rescheduledFrom = nil
            rescheduledAt = nil
        }
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
        operations = Self.operations(of: result.schedule, record, frozen: Set(record.problem.frozen.map(\.id)))
        windows = Self.windows(record)
        movedOperations = record.movedOperations
    }

    /// `schedule`'s operations by machine and start, named, and for a reschedule flagged `moved` (placed
    /// elsewhere than in the schedule rescheduled) and, when `frozen` is known, `frozen`.
    static func operations(of schedule: Schedule, _ record: ScheduleRecord, frozen: Set<OperationID>?) -> [Operation] {
        let problem = record.problem
        var previous: [OperationID: ScheduledOperation]?
        if case .reschedule(let reschedule) = record.work {
            previous = Dictionary(uniqueKeysWithValues: reschedule.current.operations.map { ($0.id, $0) })
        }
        return schedule.operations
            .sorted { ($0.machine, $0.start, $0.id) < ($1.machine, $1.start, $1.id) }
            .map { scheduled in
                let before = previous?[scheduled.id]
                return Operation(
                    job: scheduled.id.job, operation: scheduled.id.operation, machine: scheduled.machine,
                    start: scheduled.start, end: scheduled.end,
                    jobName: problem.jobs.indices.contains(scheduled.id.job)
                        ? problem.jobs[scheduled.id.job].name : nil,
                    machineName: machineName(scheduled.machine, record),
                    frozen: previous == nil ? nil : frozen?.contains(scheduled.id),
                    moved: previous == nil
                        ? nil : before.map { $0.machine != scheduled.machine || $0.start != scheduled.start } ?? false)
            }
    }

    /// The problem's machine downtime, named.
    static func windows(_ record: ScheduleRecord) -> [Window] {
        record.problem.windows.map {
            Window(machine: $0.machine, start: $0.start, end: $0.end, machineName: machineName($0.machine, record))
        }
    }

    static func machineName(_ machine: Int, _ record: ScheduleRecord) -> String? {
        record.machineNames.indices.contains(machine) ? record.machineNames[machine] : nil
    }
}
