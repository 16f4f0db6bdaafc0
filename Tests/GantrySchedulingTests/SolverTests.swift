import GantryScheduling
import Synchronization
import Testing

/// The solver on real instances and on the plant's constraints. Budgets are iterations, never seconds, so the
/// tests mean the same on a slow machine; every schedule is also re-checked here.
@Suite struct SolverTests {
    static func solve(
        _ problem: SchedulingProblem, seed: UInt64 = 1, workers: Int = 2, iterations: Int
    ) async throws -> SolverResult {
        let options = SolverOptions(seed: seed, workers: workers, timeLimit: nil, iterationLimit: iterations)
        let result = try await SchedulingSolver.solve(problem, options: options)
        #expect(ScheduleChecker.violations(of: result.schedule, for: problem).isEmpty)
        #expect(result.makespan == result.schedule.makespan)
        #expect(result.makespan >= result.lowerBound)
        return result
    }

    @Test func ft06ReachesItsOptimum55() async throws {
        let result = try await Self.solve(Instances.jobShop("ft06"), iterations: 3_000)
        #expect(result.makespan == 55)
    }

    @Test func lowerBoundsOfKnownInstances() throws {
        // The larger of the longest job and the one-machine bounds (min head + load + min tail).
        #expect(try LowerBound.makespan(Instances.jobShop("ft06")) == 52)
        #expect(try LowerBound.makespan(Instances.jobShop("ft10")) == 796)
        // la01: its bound is its optimum (666), so a solve can stop at once when it finds it.
        #expect(try LowerBound.makespan(Instances.jobShop("la01")) == 666)
    }

    @Test func aSolveStopsAtTheLowerBound() async throws {
        let result = try await Self.solve(Instances.jobShop("la01"), iterations: 200_000)
        #expect(result.makespan == 666)
        #expect(result.isOptimal && result.stopReason == .optimal)
        #expect(result.iterations < 400_000)
    }

    @Test(arguments: ["la01", "la02", "la03", "la04", "la05"])
    func smallLawrenceInstancesReachTheirBestKnownMakespan(name: String) async throws {
        let bestKnown = try #require(try Instances.bestKnown("jssp")[name])
        // One worker: these tests share the machine with timing-sensitive ones.
        let result = try await Self.solve(Instances.jobShop(name), workers: 1, iterations: 20_000)
        #expect(result.makespan == bestKnown, "\(name): \(result.makespan) after \(result.iterations) iterations")
    }

    @Test func theSameSeedGivesTheSameSchedule() async throws {
        let problem = try Instances.jobShop("ft10")
        let first = try await Self.solve(problem, seed: 42, iterations: 1_500)
        let second = try await Self.solve(problem, seed: 42, iterations: 1_500)
        #expect(first.schedule == second.schedule)
        #expect(first.iterations == second.iterations)
        let other = try await Self.solve(problem, seed: 43, workers: 1, iterations: 1_500)
        #expect(other.makespan > 0)
    }

    @Test(.tags(.slow)) func ft10ComesWithinAFewPercentOf930() async throws {
        let result = try await Self.solve(Instances.jobShop("ft10"), seed: 7, workers: 1, iterations: 12_000)
        #expect(result.makespan <= 958, "ft10: \(result.makespan) after \(result.iterations) iterations")
    }

    @Test func aTargetEndsTheSearchWhenReached() async throws {
        let options = SolverOptions(seed: 1, workers: 2, timeLimit: nil, iterationLimit: 50_000_000, target: 60)
        let result = try await SchedulingSolver.solve(Instances.jobShop("ft06"), options: options)
        #expect(result.makespan <= 60 && result.stopReason == .target)
        #expect(result.iterations < 1_000_000)
    }

    @Test func progressReportsOnlyImprovements() async throws {
        let reported = Box<[Int]>([])
        let options = SolverOptions(seed: 3, timeLimit: nil, iterationLimit: 2_000)
        let result = try await SchedulingSolver.solve(Instances.jobShop("ft10"), options: options) { progress in
            reported.withLock { $0.append(progress.makespan) }
        }
        let makespans = reported.withLock { $0 }
        #expect(!makespans.isEmpty)
        #expect(makespans == result.progress.map(\.makespan))
        #expect(zip(makespans, makespans.dropFirst()).allSatisfy { $0 > $1 })
        #expect(makespans.last == result.makespan)
    }

    @Test func snapshotsAreTheImprovingSchedulesThemselves() async throws {
        let problem = try Instances.jobShop("ft10")
        let sent = Box<[Schedule]>([])
        var options = SolverOptions(seed: 3, timeLimit: nil, iterationLimit: 2_000)
        options.snapshots = { schedule in sent.withLock { $0.append(schedule) } }
        let result = try await SchedulingSolver.solve(problem, options: options)
        let schedules = sent.withLock { $0 }
        // Every new best is sent, in the order the progress reports it.
        #expect(schedules.map(\.makespan) == result.progress.map(\.makespan))
        #expect(schedules.last?.makespan == result.makespan)
        for schedule in schedules {
            #expect(ScheduleChecker.violations(of: schedule, for: problem).isEmpty)
        }
    }

    @Test func aTimeLimitIsReadFromTheInjectedClock() async throws {
        // Each reading advances the clock by a second: a 10 s limit ends the solve after a few checks.
        let ticks = Box<Int64>(0)
        let clock = SolverClock {
            .seconds(
                ticks.withLock {
                    $0 += 1
                    return $0
                })
        }
        let options = SolverOptions(seed: 1, workers: 2, timeLimit: .seconds(10), iterationLimit: nil, clock: clock)
        let result = try await SchedulingSolver.solve(Instances.jobShop("ft10"), options: options)
        #expect(result.stopReason == .limit)
        #expect(result.iterations < 32 * 40)
        #expect(try ScheduleChecker.violations(of: result.schedule, for: Instances.jobShop("ft10")).isEmpty)
    }

    /// ft06 with due dates: job j is due at 30 + 5j, and jobs 0 and 5 weigh 3.
    static func ft06WithDueDates(_ objective: Objective) throws -> SchedulingProblem {
        var problem = try Instances.jobShop("ft06")
        for j in problem.jobs.indices {
            problem.jobs[j].due = 30 + 5 * j
            problem.jobs[j].weight = j == 0 || j == 5 ? 3 : 1
        }
        problem.objective = objective
        return problem
    }

    @Test func weightedTardinessIsMinimisedBelowThePriorityRule() async throws {
        let problem = try Self.ft06WithDueDates(.totalWeightedTardiness)
        let result = try await Self.solve(problem, iterations: 2_000)
        #expect(result.objectiveValue == result.schedule.totalWeightedTardiness(in: problem))
        let first = try #require(result.progress.first)
        #expect(result.objectiveValue < first.objectiveValue, "\(first.objectiveValue) → \(result.objectiveValue)")
        #expect(result.progress.last?.objectiveValue == result.objectiveValue)
    }

    @Test func noTardinessIsOptimalAtOnce() async throws {
        var problem = try Self.ft06WithDueDates(.totalWeightedTardiness)
        for j in problem.jobs.indices { problem.jobs[j].due = 200 }
        let result = try await Self.solve(problem, iterations: 100_000)
        #expect(result.objectiveValue == 0 && result.isOptimal && result.iterations == 0)
    }

    @Test func aWeightedSumCountsBoth() async throws {
        let problem = try Self.ft06WithDueDates(.weightedSum(makespanWeight: 1, tardinessWeight: 2))
        let result = try await Self.solve(problem, iterations: 2_000)
        #expect(
            result.objectiveValue == result.makespan + 2 * result.schedule.totalWeightedTardiness(in: problem))
        let first = try #require(result.progress.first)
        #expect(result.objectiveValue <= first.objectiveValue)
    }

    @Test func anInvalidProblemIsRefusedBeforeSolving() async {
        let problem = ValidationTests.problem { $0.jobs[0].operations[0] = JobOperation(machine: 9, duration: 1) }
        let error = await #expect(throws: SchedulingError.self) {
            _ = try await SchedulingSolver.solve(problem, options: SolverOptions(timeLimit: nil, iterationLimit: 10))
        }
        #expect(error?.code == .unknownMachine)
    }
}

/// A value shared with a `@Sendable` callback (a `Mutex` alone cannot be captured: it is not copyable).
final class Box<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        value.withLock { body(&$0) }
    }
}

extension Tag {
    /// Tests that run for more than a second in a debug build.
    @Tag static var slow: Self
}
