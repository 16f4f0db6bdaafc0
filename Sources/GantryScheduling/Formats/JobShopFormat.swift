/// The classical job shop text format of the benchmark libraries (Fisher–Thompson, Lawrence, Taillard's
/// "standard" layout): a line `n m`, then one line per job of `m` pairs `machine duration` in route order,
/// machines 0-based.
public enum JobShopFormat {
    /// Reads a problem; every error names the line at fault.
    /// - Complexity: O(size of `text`).
    public static func parse(_ text: String) throws(SchedulingError) -> SchedulingProblem {
        let lines = ProblemText(text).lines
        guard let header = lines.first else {
            throw SchedulingError(.malformedInput, "the file is empty; expected a line 'jobs machines'", line: 1)
        }
        guard header.fields.count == 2 else {
            throw ProblemText.malformed(
                header.number, "expected 'jobs machines' (2 numbers), found \(header.fields.count) fields")
        }
        let jobCount = try ProblemText.integer(header.fields[0], line: header.number, what: "the job count")
        let machineCount = try ProblemText.integer(header.fields[1], line: header.number, what: "the machine count")
        guard jobCount > 0, machineCount > 0 else {
            throw ProblemText.malformed(header.number, "the job and machine counts must be positive")
        }
        guard lines.count - 1 == jobCount else {
            let last = lines.last?.number ?? header.number
            throw ProblemText.malformed(
                lines.count - 1 < jobCount ? last : lines[jobCount + 1].number,
                "the header announces \(jobCount) jobs but the file has \(lines.count - 1) job lines")
        }
        var jobs: [Job] = []
        for (j, line) in lines.dropFirst().enumerated() {
            guard line.fields.count == 2 * machineCount else {
                throw ProblemText.malformed(
                    line.number,
                    "job \(j) has \(line.fields.count) numbers; expected \(2 * machineCount) "
                        + "(a machine and a duration for each of \(machineCount) machines)")
            }
            var operations: [JobOperation] = []
            for o in 0..<machineCount {
                let machine = try ProblemText.integer(line.fields[2 * o], line: line.number, what: "the machine")
                let duration = try ProblemText.integer(line.fields[2 * o + 1], line: line.number, what: "the duration")
                guard (0..<machineCount).contains(machine) else {
                    throw ProblemText.malformed(
                        line.number,
                        "job \(j), operation \(o) names machine \(machine); machines are 0…\(machineCount - 1)")
                }
                guard duration >= 0 else {
                    throw ProblemText.malformed(
                        line.number, "job \(j), operation \(o) has a negative duration \(duration)")
                }
                operations.append(JobOperation(machine: machine, duration: duration))
            }
            jobs.append(Job(operations: operations))
        }
        return SchedulingProblem(machineCount: machineCount, jobs: jobs)
    }
}
