import Foundation

/// Threads of their own for one solve, so that the tabu search (which computes without suspending for
/// seconds) never holds a thread of Swift's cooperative pool, which every caller's other work needs: the
/// server's HTTP handlers, ingest and alarms, a test run's hundreds of other tests. The pool has one thread
/// per core, so two workers on it would stop everything else for as long as the solve runs.
///
/// The threads start with the solve and end with it; ``run(workers:_:)`` is the only way in.
final class SolverThreads: TaskExecutor, @unchecked Sendable {
    // `jobs` and `finished` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    private init(count: Int) {
        for index in 0..<count {
            let thread = Thread { [self] in self.work() }
            thread.name = "gantry-solver-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `operation` (and the child tasks it creates, such as the solver's workers) on `workers` threads of
    /// its own, which end when it returns.
    static func run<Value: Sendable>(
        workers: Int, _ operation: @Sendable () async -> Value
    ) async -> Value {
        let threads = SolverThreads(count: max(1, workers))
        defer { threads.finish() }
        return await withTaskExecutorPreference(threads) { await operation() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs jobs until the solve has finished and nothing is left to run.
    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !finished { condition.wait() }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
