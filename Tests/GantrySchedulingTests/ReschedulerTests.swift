import GantryScheduling
import Testing

/// Rescheduling after a shop-floor event: what started stays, what a breakdown interrupts starts again after
/// it, the rest moves only when it must, and the count of moved operations is true.
@Suite struct ReschedulerTests {
    static func id(_ job: Int, _ operation: Int) -> OperationID { OperationID(job: job, operation: operation) }

    static func plan() async throws -> (SchedulingProblem, Schedule) {
        let problem = try Instances.jobShop("ft06")
        return (problem, try await SolverTests.solve(problem, iterations: 3_000).schedule)
    }

    static func options(_ iterations: Int) -> SolverOptions {
        SolverOptions(seed: 1, workers: 2, timeLimit: nil, iterationLimit: iterations)
    }

    /// Counts by hand what `movedOperations(since:)` should say.
    static func moved(_ new: Schedule, _ old: Schedule) -> Int {
        new.operations.filter { operation in
            old.operations.contains {
                $0.id == operation.id && ($0.start != operation.start || $0.machine != operation.machine)
            }
        }.count
    }

    @Test func aBreakdownRestartsTheOperationItInterrupts() async throws {
        let (problem, current) = try await Self.plan()
        // Machine 2 breaks down in the middle of its second operation.
        let victim = current.operations.filter { $0.machine == 2 }.sorted { $0.start < $1.start }[1]
        let from = (victim.start + victim.end) / 2
        let event = ScheduleEvent.machineDown(machine: 2, from: from, to: from + 10)
        let outcome = try await Rescheduler.reschedule(
            problem, current: current, at: from, after: event, options: Self.options(2_000))
        let schedule = outcome.result.schedule
        #expect(ScheduleChecker.violations(of: schedule, for: outcome.problem).isEmpty)
        #expect(outcome.restartedOperations.first == victim.id)
        let restarted = try #require(schedule.operations.first { $0.id == victim.id })
        #expect(restarted.start >= from + 10 || restarted.machine != 2)
        for operation in current.operations
        where operation.start < from && !outcome.restartedOperations.contains(operation.id) {
            #expect(schedule.operations.contains(operation), "\(operation.id) had started and must stay")
        }
        for operation in schedule.operations where operation.machine == 2 {
            #expect(operation.end <= from || operation.start >= from + 10)
        }
        #expect(outcome.movedOperations == Self.moved(schedule, current))
        #expect(outcome.movedOperations >= 1)
    }

    @Test func nothingMovesWhenTheEventChangesNothing() async throws {
        let (problem, current) = try await Self.plan()
        // A window after the end of the plan, and no search budget: the plan as it was is the answer.
        let event = ScheduleEvent.machineDown(machine: 0, from: current.makespan + 5, to: current.makespan + 9)
        let outcome = try await Rescheduler.reschedule(
            problem, current: current, at: 10, after: event, options: Self.options(0))
        #expect(outcome.movedOperations == 0)
        #expect(outcome.result.makespan == current.makespan)
        #expect(outcome.restartedOperations.isEmpty)
    }

    @Test func aRushJobIsFittedInAndTheRestMovesOnlyAsItMust() async throws {
        let (problem, current) = try await Self.plan()
        let rush = Job(
            name: "rush", operations: [JobOperation(machine: 3, duration: 2), JobOperation(machine: 0, duration: 2)])
        let outcome = try await Rescheduler.reschedule(
            problem, current: current, at: 15, after: .rushJob(rush), options: Self.options(2_000))
        let schedule = outcome.result.schedule
        #expect(ScheduleChecker.violations(of: schedule, for: outcome.problem).isEmpty)
        #expect(schedule.operations.count == 38)
        #expect(schedule.operations.filter { $0.id.job == 6 }.allSatisfy { $0.start >= 15 })
        #expect(outcome.movedOperations == Self.moved(schedule, current))
        #expect(outcome.movedOperations < 36)
    }

    @Test func aLateOperationPushesWhatFollowsIt() async throws {
        let (problem, current) = try await Self.plan()
        let first = try #require(current.operations.first { $0.id == Self.id(0, 0) })
        let outcome = try await Rescheduler.reschedule(
            problem, current: current, at: first.start + 1, after: .operationLate(Self.id(0, 0), extraDuration: 7),
            options: Self.options(1_000))
        let schedule = outcome.result.schedule
        #expect(ScheduleChecker.violations(of: schedule, for: outcome.problem).isEmpty)
        let late = try #require(schedule.operations.first { $0.id == Self.id(0, 0) })
        #expect(late.start == first.start && late.end == first.end + 7)
        let next = try #require(schedule.operations.first { $0.id == Self.id(0, 1) })
        #expect(next.start >= late.end)
    }

    @Test func eventsThatDoNotFitTheProblemAreNamed() async throws {
        let (problem, current) = try await Self.plan()
        await #expect(throws: SchedulingError.self) {
            _ = try await Rescheduler.reschedule(
                problem, current: current, at: 0, after: .machineDown(machine: 9, from: 1, to: 2))
        }
        #expect(
            throws: SchedulingError(
                .invalidWindow, "machine 1 is down from 5 to 5: the window must end after it starts")
        ) {
            _ = try problem.applying(.machineDown(machine: 1, from: 5, to: 5))
        }
        do {
            _ = try problem.applying(.operationLate(Self.id(3, 9), extraDuration: 1))
            Issue.record("an unknown operation was accepted")
        } catch {
            #expect(error.code == .unknownOperation && error.job == 3 && error.operation == 9)
        }
        do {
            _ = try problem.applying(.operationLate(Self.id(3, 1), extraDuration: -4))
            Issue.record("a negative delay was accepted")
        } catch {
            #expect(error.code == .negativeDuration && error.message.contains("job 3, operation 1"))
        }
    }
}
