import GantryScheduling
import Testing

/// What `gantry schedule` shows: the file's format is recognised, and the text chart draws each operation
/// and each downtime window where it falls.
@Suite struct ReportingTests {
    @Test func everyBenchmarkFileIsRecognised() throws {
        for name in try Instances.jobShopNames() {
            #expect(ProblemFormat.detect(try Instances.text("jssp/\(name).txt")) == .jobShop, "\(name)")
        }
        for k in 1...10 {
            let name = "mk" + (k < 10 ? "0\(k)" : "\(k)")
            #expect(ProblemFormat.detect(try Instances.text("fjsp/brandimarte/\(name).txt")) == .brandimarte, "\(name)")
        }
        // Brandimarte without its third header value: told apart by the job line's length.
        #expect(ProblemFormat.detect("2 2\n2 1 1 3 1 2 4\n1 2 1 2 2 5\n") == .brandimarte)
        #expect(ProblemFormat.detect("2 2\n0 3 1 2\n1 4 0 1\n") == .jobShop)
    }

    @Test func theChartDrawsOperationsAndDowntime() {
        let problem = SchedulingProblem(
            machineCount: 2,
            jobs: [
                Job(
                    name: "gear",
                    operations: [JobOperation(machine: 0, duration: 4), JobOperation(machine: 1, duration: 2)]),
                Job(name: "shaft", operations: [JobOperation(machine: 1, duration: 3)]),
            ],
            windows: [MachineWindow(machine: 0, start: 6, end: 10)])
        let schedule = Schedule(operations: [
            ScheduledOperation(id: OperationID(job: 0, operation: 0), machine: 0, start: 0, end: 4),
            ScheduledOperation(id: OperationID(job: 1, operation: 0), machine: 1, start: 0, end: 3),
            ScheduledOperation(id: OperationID(job: 0, operation: 1), machine: 1, start: 4, end: 6),
        ])
        let lines = GanttText.render(schedule, for: problem, width: 10).split(separator: "\n").map(String.init)
        // The horizon is the window's end, 10: one column per time unit.
        #expect(lines[0] == "M0 |0000..####|")
        #expect(lines[1] == "M1 |111.00....|")
        #expect(lines[2] == "    0        10")
        #expect(lines[3] == "jobs: 0=gear 1=shaft")
    }
}
