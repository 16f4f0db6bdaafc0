import Foundation
import GantryScheduling
import Testing

/// The two benchmark formats: every real file reads and validates; every malformed input names its line.
@Suite struct FormatTests {
    @Test func ft06ReadsAsSixJobsOnSixMachines() throws {
        let problem = try Instances.jobShop("ft06")
        #expect(problem.machineCount == 6 && problem.jobs.count == 6)
        #expect(problem.isClassical)
        #expect(problem.jobs[0].operations[0] == JobOperation(machine: 2, duration: 1))
        #expect(problem.jobs[5].operations[5] == JobOperation(machine: 2, duration: 1))
        try problem.validate()
    }

    @Test func windowsLineBreaksReadTheSame() throws {
        let unix = "2 2\n0 3 1 2\n1 4 0 1\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try JobShopFormat.parse(windows) == JobShopFormat.parse(unix))
        let error = #expect(throws: SchedulingError.self) { try JobShopFormat.parse("2 2\r\n0 3 1 2\r\n1 4 0\r\n") }
        #expect(error?.line == 3)
    }

    @Test func everyClassicalInstanceReadsAndValidates() throws {
        let names = try Instances.jobShopNames()
        #expect(names.count == 82)
        for name in names {
            let problem = try Instances.jobShop(name)
            try problem.validate()
            #expect(problem.jobs.allSatisfy { $0.operations.count == problem.machineCount }, "\(name)")
        }
    }

    @Test(arguments: ["mk01", "mk02", "mk03", "mk04", "mk05", "mk06", "mk07", "mk08", "mk09", "mk10"])
    func brandimarteInstancesReadWithZeroBasedMachines(name: String) throws {
        let problem = try Instances.brandimarte(name)
        try problem.validate()
        #expect(!problem.isClassical)
        let machines = Set(problem.jobs.flatMap { $0.operations.flatMap { $0.alternatives.map(\.machine) } })
        #expect(machines.min() == 0 && machines.max()! < problem.machineCount)
    }

    @Test func mk01StartsAsTheFileSays() throws {
        let problem = try Instances.brandimarte("mk01")
        #expect(problem.machineCount == 6 && problem.jobs.count == 10)
        // "6 2 1 5 3 4 3 5 3 3 5 2 1 2 …": 6 operations; the first runs on machine 1 (5) or 3 (4).
        #expect(problem.jobs[0].operations.count == 6)
        #expect(
            problem.jobs[0].operations[0].alternatives == [
                Alternative(machine: 0, duration: 5), Alternative(machine: 2, duration: 4),
            ])
    }

    @Test(arguments: [
        ("", 1, "empty"),
        ("2 2\n0 1 1 2\n", 2, "announces 2 jobs"),
        ("2 2\n0 1 1 2\n1 3 0\n", 3, "expected 4"),
        ("1 2\n0 1 x 2\n", 2, "'x' is not a whole number"),
        ("1 2\n0 1 2 2\n", 2, "names machine 2"),
        ("1 2\n0 1 1 -2\n", 2, "negative duration"),
        ("1 2\n\n\n0 1 1 2\n0 1 1 2\n", 5, "announces 1 jobs"),
        ("1\n0 1\n", 1, "expected 'jobs machines'"),
    ])
    func malformedJobShopFilesNameTheLine(text: String, line: Int, fragment: String) {
        let error = #expect(throws: SchedulingError.self) { try JobShopFormat.parse(text) }
        #expect(error?.code == .malformedInput)
        #expect(error?.line == line, "\(error?.message ?? "")")
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        ("1 2 1.5\n1 1 3 4\n", 2, "names machine 3"),
        ("1 2\n2 1 1 4\n", 2, "ends early"),
        ("1 2\n1 1 1 4 9\n", 2, "after its 1 operations"),
        ("1 2\n1 0\n", 2, "no machine"),
        ("2 2\n1 1 1 4\n", 2, "announces 2 jobs"),
    ])
    func malformedBrandimarteFilesNameTheLine(text: String, line: Int, fragment: String) {
        let error = #expect(throws: SchedulingError.self) { try BrandimarteFormat.parse(text) }
        #expect(error?.code == .malformedInput)
        #expect(error?.line == line, "\(error?.message ?? "")")
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }
}
