/// Brandimarte's flexible job shop format: a line `n m [average alternatives]`, then one line per job:
/// the operation count, and for each operation the number of alternatives followed by that many pairs
/// `machine duration`, machines 1-based (the model's are 0-based: machine 1 becomes 0).
public enum BrandimarteFormat {
    /// Reads a problem; every error names the line at fault.
    /// - Complexity: O(size of `text`).
    public static func parse(_ text: String) throws(SchedulingError) -> SchedulingProblem {
        let lines = ProblemText(text).lines
        guard let header = lines.first else {
            throw SchedulingError(.malformedInput, "the file is empty; expected a line 'jobs machines'", line: 1)
        }
        guard (2...3).contains(header.fields.count) else {
            throw ProblemText.malformed(
                header.number, "expected 'jobs machines [average alternatives]', found \(header.fields.count) fields")
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
            try jobs.append(job(j, line, machineCount: machineCount))
        }
        return SchedulingProblem(machineCount: machineCount, jobs: jobs)
    }

    private static func job(_ j: Int, _ line: ProblemText.Line, machineCount: Int) throws(SchedulingError) -> Job {
        var cursor = 0
        func next(_ what: String) throws(SchedulingError) -> Int {
            guard cursor < line.fields.count else {
                throw ProblemText.malformed(line.number, "job \(j) ends early: \(what) is missing")
            }
            defer { cursor += 1 }
            return try ProblemText.integer(line.fields[cursor], line: line.number, what: what)
        }
        let operationCount = try next("the operation count")
        guard operationCount > 0 else { throw ProblemText.malformed(line.number, "job \(j) has no operations") }
        var operations: [JobOperation] = []
        for o in 0..<operationCount {
            let alternativeCount = try next("the alternative count of operation \(o)")
            guard alternativeCount > 0 else {
                throw ProblemText.malformed(line.number, "job \(j), operation \(o) has no machine that can run it")
            }
            var alternatives: [Alternative] = []
            for _ in 0..<alternativeCount {
                let machine = try next("a machine of operation \(o)")
                let duration = try next("a duration of operation \(o)")
                guard (1...machineCount).contains(machine) else {
                    throw ProblemText.malformed(
                        line.number, "job \(j), operation \(o) names machine \(machine); machines are 1…\(machineCount)"
                    )
                }
                guard duration >= 0 else {
                    throw ProblemText.malformed(
                        line.number, "job \(j), operation \(o) has a negative duration \(duration)")
                }
                alternatives.append(Alternative(machine: machine - 1, duration: duration))
            }
            operations.append(JobOperation(alternatives: alternatives))
        }
        guard cursor == line.fields.count else {
            throw ProblemText.malformed(
                line.number, "job \(j) has \(line.fields.count - cursor) numbers after its \(operationCount) operations"
            )
        }
        return Job(operations: operations)
    }
}
