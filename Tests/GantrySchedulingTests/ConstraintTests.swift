import Foundation
import GantryScheduling
import Testing

/// The plant's constraints: release dates, extra precedences, setups, unavailability windows, frozen
/// operations and rescheduling, a flexible job shop, and the JSON report.
@Suite struct ConstraintTests {
    static func id(_ job: Int, _ operation: Int) -> OperationID { OperationID(job: job, operation: operation) }

    static func start(_ result: SolverResult, _ id: OperationID) -> ScheduledOperation {
        result.schedule.operations.first { $0.id == id }!
    }

    @Test func releaseDatesDelayAJob() async throws {
        var problem = try Instances.jobShop("ft06")
        problem.jobs[2].release = 40
        let result = try await SolverTests.solve(problem, iterations: 3_000)
        #expect(Self.start(result, Self.id(2, 0)).start >= 40)
        #expect(result.lowerBound >= 40 + problem.jobs[2].operations.reduce(0) { $0 + $1.alternatives[0].duration })
    }

    @Test func extraPrecedencesAreKept() async throws {
        var problem = try Instances.jobShop("ft06")
        problem.precedences = [Precedence(before: Self.id(0, 5), after: Self.id(1, 0))]
        let result = try await SolverTests.solve(problem, iterations: 3_000)
        #expect(Self.start(result, Self.id(1, 0)).start >= Self.start(result, Self.id(0, 5)).end)
    }

    @Test func setupsSeparateConsecutiveJobs() async throws {
        var problem = try Instances.jobShop("ft06")
        let n = problem.jobs.count
        // Changing over between different jobs takes 3 on every machine.
        let matrix = (0..<n).map { from in (0..<n).map { to in from == to ? 0 : 3 } }
        problem.setups = SetupTimes(Dictionary(uniqueKeysWithValues: (0..<problem.machineCount).map { ($0, matrix) }))
        let result = try await SolverTests.solve(problem, iterations: 3_000)
        #expect(result.makespan > 55)
    }

    @Test func windowsKeepMachinesFree() async throws {
        var problem = try Instances.jobShop("ft06")
        problem.windows = [
            MachineWindow(machine: 0, start: 5, end: 20), MachineWindow(machine: 3, start: 0, end: 10),
            MachineWindow(machine: 3, start: 30, end: 31),
        ]
        let result = try await SolverTests.solve(problem, iterations: 3_000)
        for operation in result.schedule.operations {
            for window in problem.windows where window.machine == operation.machine {
                #expect(operation.end <= window.start || operation.start >= window.end)
            }
        }
    }

    @Test func reschedulingKeepsWhatHasStarted() async throws {
        let problem = try Instances.jobShop("ft06")
        let first = try await SolverTests.solve(problem, iterations: 3_000)
        // At 20 a rush job arrives, and machine 1 goes down for 15 once its current operation ends.
        let busyUntil = first.schedule.operations.filter { $0.machine == 1 && $0.start < 20 }.map(\.end).max() ?? 20
        let breakdown = max(20, busyUntil)
        var changed = problem
        changed.windows = [MachineWindow(machine: 1, start: breakdown, end: breakdown + 15)]
        changed.jobs.append(Job(name: "rush", operations: [JobOperation(machine: 1, duration: 4)]))
        let again = changed.rescheduled(keeping: first.schedule, at: 20)
        #expect(!again.frozen.isEmpty && again.notBefore == 20)
        let second = try await SolverTests.solve(again, iterations: 3_000)
        for frozen in again.frozen {
            let placed = Self.start(second, frozen.id)
            #expect(placed.start == frozen.start && placed.machine == frozen.machine)
        }
        for operation in second.schedule.operations where !again.frozen.contains(where: { $0.id == operation.id }) {
            #expect(operation.start >= 20)
        }
        #expect(Self.start(second, Self.id(6, 0)).start >= breakdown + 15)
    }

    @Test func aFlexibleJobShopGetsMachinesChosen() async throws {
        let problem = try Instances.brandimarte("mk01")
        let result = try await SolverTests.solve(problem, iterations: 5_000)
        #expect(result.lowerBound <= 40)
        // The priority rule alone gives 49 here; the search (with machine reassignment) does the rest.
        #expect(result.makespan <= 42, "mk01: \(result.makespan) (best known 40)")
    }

    @Test func theReportIsPlainSortedJSON() async throws {
        let result = try await SolverTests.solve(Instances.jobShop("ft06"), iterations: 3_000)
        let report = ScheduleReport(result)
        #expect(report.makespan == 55 && report.lowerBound == 52 && report.operations.count == 36)
        let json = try #require(String(data: report.json(), encoding: .utf8))
        #expect(json.hasPrefix(#"{"lowerBound":52,"makespan":55,"operations":[{"end":"#))
        // 55 is optimal, but the lower bound (52) cannot prove it.
        #expect(json.contains(#""op":0,"#) && json.hasSuffix(#""optimal":false}"#))
        let decoded = try JSONDecoder().decode(ScheduleReport.self, from: report.json())
        #expect(decoded == report)
        #expect(try ScheduleChecker.violations(of: decoded.schedule, for: Instances.jobShop("ft06")).isEmpty)
    }
}
