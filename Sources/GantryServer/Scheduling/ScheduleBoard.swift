import Foundation
import GantryCore
import GantryScheduling
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Runs production scheduling solves in the background, one at a time, for the API and the console.
///
/// A submitted problem waits in a bounded queue (``ScheduleLimits/queueCapacity`` beside the one running; one
/// more is refused with 429, and nothing of it is kept); the solve reports every improvement, and a cancelled
/// solve keeps the best schedule found so far. The solver runs on threads of its own (`SolverThreads` in GantryScheduling), never on
/// the threads the rest of the platform shares.
///
/// Jobs live in memory only: the last ``ScheduleLimits/keptFinished`` finished ones are kept, and a restart
/// forgets them all (persistence is out of scope). Run it as a service: stopping the platform cancels the
/// running solve and everything queued.
public actor ScheduleBoard: Service {
    public let limits: ScheduleLimits
    let logger: Logger
    /// Where the board's counters are exported for `/metrics`.
    let metrics: PrometheusCollectorRegistry
    private var records: [UUID: ScheduleRecord] = [:]
    /// Every kept record's id, oldest first.
    private var order: [UUID] = []
    private var queue: [UUID] = []
    private var running: (id: UUID, stop: AsyncStream<Void>.Continuation)?
    private var stopped = false
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init(
        limits: ScheduleLimits = ScheduleLimits(), metrics: PrometheusCollectorRegistry = .init(), logger: Logger
    ) {
        self.limits = limits
        self.metrics = metrics
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Solves queued problems one after the other until the platform stops; then the running solve is
    /// cancelled (its best schedule kept) and the queued ones are marked cancelled.
    public func run() async throws {
        let wakeups = wakeups
        await cancelWhenGracefulShutdown {
            for await _ in wakeups {
                while !Task.isCancelled, let id = await self.next() { await self.solve(id) }
            }
        }
        stopAll()
    }

    // MARK: - Submitting and cancelling

    /// Queues `record`; refused with 429 when the queue is full, and with 503 once the board has stopped.
    func submit(_ record: ScheduleRecord) throws(APIError) -> ScheduleRecord {
        guard !stopped else {
            throw APIError(
                .serviceUnavailable, title: "Scheduler stopped", type: "scheduler-stopped",
                detail: "the platform is stopping; submit the problem again after it has started")
        }
        guard queue.count < limits.queueCapacity else {
            let runningLimit = running.flatMap { records[$0.id]?.settings.timeLimitSeconds } ?? 1
            countRefusal()
            throw APIError(
                .tooManyRequests, title: "Scheduler busy", type: "scheduler-busy",
                detail: "\(queue.count) solves are already waiting beside the one running (the most this server "
                    + "queues); try again when one has finished, or cancel one",
                headers: [.retryAfter: "\(runningLimit)"])
        }
        records[record.id] = record
        order.append(record.id)
        queue.append(record.id)
        exportQueue(queued: queue.count, running: running != nil)
        wake.yield()
        logger.info(
            "schedule queued",
            metadata: [
                "schedule.id": "\(record.id)", "schedule.operations": "\(record.problem.operationCount)",
                "user": "\(record.createdBy)",
            ])
        return record
    }

    /// Cancels the solve `id`: a queued one never runs; a running one stops and keeps its best schedule so far
    /// (it arrives as `result` a moment later). A finished one is left as it is.
    func cancel(_ id: UUID) -> ScheduleRecord? {
        guard var record = records[id] else { return nil }
        switch record.state {
        case .queued:
            queue.removeAll { $0 == id }
            record.state = .cancelled
            record.finishedAt = .now
            countEnded(.cancelled)
            exportQueue(queued: queue.count, running: running != nil)
        case .running:
            record.state = .cancelled
            if running?.id == id { running?.stop.yield() }
        default:
            return record
        }
        records[id] = record
        logger.info("schedule cancelled", metadata: ["schedule.id": "\(id)"])
        return record
    }

    /// The record `id`, if it is kept.
    func record(_ id: UUID) -> ScheduleRecord? { records[id] }

    /// Every kept record, most recent first.
    func all() -> [ScheduleRecord] { order.reversed().compactMap { records[$0] } }

    // MARK: - Solving

    private func next() -> UUID? {
        guard !queue.isEmpty else { return nil }
        return queue.removeFirst()
    }

    private func solve(_ id: UUID) async {
        guard var record = records[id], record.state == .queued else { return }
        record.state = .running
        record.startedAt = .now
        records[id] = record
        let (stopRequests, stop) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        running = (id, stop)
        exportQueue(queued: queue.count, running: true)
        var options = record.settings.options(workers: limits.workers)
        let progress = record.progress
        options.snapshots = { progress.keep($0) }
        let outcome = await Self.execute(record, options: options, stopRequests: stopRequests)
        stop.finish()
        running = nil
        finish(id, outcome)
        exportQueue(queued: queue.count, running: false)
    }

    /// What a solve produces: the problem it solved (changed by a reschedule's event) and its result.
    struct Outcome: Sendable {
        var problem: SchedulingProblem
        var result: SolverResult
        var movedOperations: Int?
    }

    /// Runs the record's work (the solver brings its own threads) until it ends or a stop is requested (then the best so far).
    private static func execute(
        _ record: ScheduleRecord, options: SolverOptions, stopRequests: AsyncStream<Void>
    ) async -> Result<Outcome, SchedulingError> {
        let progress = record.progress
        let work = record.work
        let problem = record.problem
        return await withTaskGroup(of: Result<Outcome, SchedulingError>?.self) { group in
            group.addTask {
                do throws(SchedulingError) {
                    return .success(try await perform(work, on: problem, options: options, progress: progress))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                for await _ in stopRequests { return nil }
                return nil
            }
            var outcome: Result<Outcome, SchedulingError>?
            while let next = await group.next() {
                if let next { outcome = next }
                group.cancelAll()
            }
            // The solve's task always returns, cancelled or not.
            return outcome ?? .failure(SchedulingError(.internalError, "the solve ended without a result"))
        }
    }

    private static func perform(
        _ work: ScheduleRecord.Work, on problem: SchedulingProblem, options: SolverOptions, progress: SolveProgressLog
    ) async throws(SchedulingError) -> Outcome {
        switch work {
        case .solve:
            let result = try await SchedulingSolver.solve(problem, options: options) { progress.record($0) }
            return Outcome(problem: problem, result: result)
        case .reschedule(let reschedule):
            return try await ScheduleBoard.reschedule(reschedule, options: options, progress: progress)
        }
    }

    private func finish(_ id: UUID, _ outcome: Result<Outcome, SchedulingError>) {
        guard var record = records[id] else { return }
        record.finishedAt = .now
        switch outcome {
        case .success(let outcome):
            record.problem = outcome.problem
            record.result = outcome.result
            record.movedOperations = outcome.movedOperations
            // Cancelled by a request (already marked) or by the platform stopping.
            if record.state == .running { record.state = Task.isCancelled ? .cancelled : .done }
            logger.info(
                "schedule solved",
                metadata: [
                    "schedule.id": "\(id)", "schedule.makespan": "\(outcome.result.makespan)",
                    "schedule.stop": "\(outcome.result.stopReason)", "schedule.state": "\(record.state.rawValue)",
                ])
        case .failure(let error):
            record.failure = error
            record.state = .failed
            logger.info("schedule failed", metadata: ["schedule.id": "\(id)", "error": "\(error)"])
        }
        records[id] = record
        countEnded(record.state)
        forgetOldFinished()
    }

    /// Keeps at most `keptFinished` finished records, dropping the oldest.
    private func forgetOldFinished() {
        var finished = order.filter { records[$0]?.state.isFinished == true }
        while finished.count > limits.keptFinished {
            let oldest = finished.removeFirst()
            records[oldest] = nil
            order.removeAll { $0 == oldest }
        }
    }

    /// The platform stops: the queued solves are cancelled, and no new one is taken.
    private func stopAll() {
        stopped = true
        for id in queue {
            records[id]?.state = .cancelled
            records[id]?.finishedAt = .now
            countEnded(.cancelled)
        }
        queue.removeAll()
        exportQueue(queued: 0, running: false)
        wake.finish()
    }
}
