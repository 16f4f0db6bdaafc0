import Foundation
import GantryCore
import GantryScheduling
import Synchronization

/// A problem handed to the ``ScheduleBoard`` and what became of it.
struct ScheduleRecord: Sendable {
    enum State: String, Sendable, Codable {
        case queued, running, done, failed, cancelled

        var isFinished: Bool { self == .done || self == .failed || self == .cancelled }
    }

    /// What the solve does: solve the problem, or solve it again after an event.
    enum Work: Sendable {
        case solve
        case reschedule(Reschedule)
    }

    /// A reschedule of a finished solve: the source's problem and the schedule being carried out, the time
    /// "now" and the event.
    struct Reschedule: Sendable {
        let source: UUID
        /// The problem before the event; the solve applies the event to it and freezes started work.
        let problem: SchedulingProblem
        let current: Schedule
        let at: Int
        let event: ScheduleEvent
    }

    let id: UUID
    let createdAt: Timestamp
    let createdBy: String
    /// Where the problem came from: `problem`, `jssp`, `brandimarte`, `plant` or `reschedule`.
    let origin: String
    /// Machine names by index (asset paths for a plant problem); empty when the machines are numbered only.
    let machineNames: [String]
    /// The equipment the problem was built from; a reader must see all of it.
    let assets: [AssetPath]
    let settings: SolveSettings
    let work: Work
    /// The problem solved. For a reschedule it is the event's problem from the start (a rush job is among the
    /// jobs while it is queued), and the solve adds what it froze.
    var problem: SchedulingProblem
    var state: State = .queued
    var startedAt: Timestamp?
    var finishedAt: Timestamp?
    let progress = SolveProgressLog()
    var result: SolverResult?
    var movedOperations: Int?
    var failure: SchedulingError?

    init(
        createdBy: String, origin: String, problem: SchedulingProblem, machineNames: [String], assets: [AssetPath],
        settings: SolveSettings, work: Work = .solve
    ) {
        id = UUID()
        createdAt = .now
        self.createdBy = createdBy
        self.origin = origin
        self.problem = problem
        self.machineNames = machineNames
        self.assets = assets
        self.settings = settings
        self.work = work
    }

    /// Whether `principal` may read the record: a viewer somewhere, and of every piece of equipment in it.
    func isVisible(to principal: Principal) -> Bool {
        principal.rights.grants.contains { $0.role >= .viewer }
            && assets.allSatisfy { principal.rights.allows(.viewer, on: $0) }
    }
}

/// The best objective over time during a solve, and the latest snapshot of the best schedule, written by the
/// solver's callbacks (on a solver thread) and read by the API; guarded by mutexes, hence `Sendable`.
final class SolveProgressLog: Sendable {
    /// The most points kept; later improvements replace the last one, so the curve still ends at the best.
    static let maximumPoints = 1_000
    private let points = Mutex<[SolverProgress]>([])
    private let latest = Mutex<Schedule?>(nil)

    func record(_ progress: SolverProgress) {
        points.withLock { points in
            if points.count >= Self.maximumPoints { points.removeLast() }
            points.append(progress)
        }
    }

    var all: [SolverProgress] { points.withLock { $0 } }
    var best: SolverProgress? { points.withLock { $0.last } }

    /// Keeps the solver's latest snapshot of its best schedule, for the chart to draw while the solve runs.
    func keep(_ schedule: Schedule) {
        latest.withLock { $0 = schedule }
    }

    /// The best schedule the solver last sent, until the result replaces it.
    var snapshot: Schedule? { latest.withLock { $0 } }
}
