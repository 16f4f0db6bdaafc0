import GantryScheduling

/// How large a problem the board takes and how much work it keeps: the tabu search allocates memory in the
/// square of the operation count, and every value is bounded so that no objective can overflow.
public struct ScheduleLimits: Sendable {
    /// Solves waiting beside the one running; one more is refused with 429.
    public var queueCapacity = 4
    /// Finished solves kept in memory (the oldest finished one goes first); they are not persisted.
    public var keptFinished = 50
    /// Parallel searches per solve; one leaves the other cores to the plant.
    public var workers = 1
    public var maximumOperations = 2_000
    public var maximumMachines = 100
    public var maximumWindows = 1_000
    public var maximumPrecedences = 10_000
    /// The largest time (duration, release, due date, window bound, setup): 10⁷ s, about 115 days.
    public var maximumTime = 10_000_000
    /// The largest tardiness weight of a job.
    public var maximumJobWeight = 1_000

    public init() {}

    /// Throws a 422 when `problem` is beyond these limits.
    func check(_ problem: SchedulingProblem) throws(APIError) {
        let operations = problem.operationCount
        guard operations <= maximumOperations else {
            throw Self.tooLarge(
                "the problem has \(operations) operations; this server schedules at most \(maximumOperations)")
        }
        guard problem.machineCount <= maximumMachines else {
            throw Self.tooLarge(
                "the problem has \(problem.machineCount) machines; this server schedules at most \(maximumMachines)")
        }
        guard problem.jobs.count <= maximumOperations else {
            throw Self.tooLarge(
                "the problem has \(problem.jobs.count) jobs; this server schedules at most \(maximumOperations)")
        }
        guard problem.windows.count <= maximumWindows else {
            throw Self.tooLarge(
                "the problem has \(problem.windows.count) downtime windows; at most \(maximumWindows) are taken")
        }
        guard problem.precedences.count <= maximumPrecedences else {
            throw Self.tooLarge(
                "the problem has \(problem.precedences.count) precedences; at most \(maximumPrecedences) are taken")
        }
        for (j, job) in problem.jobs.enumerated() {
            try time(job.release, "the release date of job \(j)")
            if let due = job.due { try time(due, "the due date of job \(j)") }
            guard job.weight <= maximumJobWeight else {
                throw Self.tooLarge("the weight \(job.weight) of job \(j) is above \(maximumJobWeight)")
            }
            for (o, operation) in job.operations.enumerated() {
                for alternative in operation.alternatives {
                    try time(alternative.duration, "the duration of job \(j), operation \(o)")
                }
            }
        }
        for window in problem.windows {
            try time(window.start, "a window start on machine \(window.machine)")
            try time(window.end, "a window end on machine \(window.machine)")
        }
        for (machine, matrix) in problem.setups.times {
            for row in matrix { for value in row { try time(value, "a setup time on machine \(machine)") } }
        }
        if case .weightedSum(let makespanWeight, let tardinessWeight) = problem.objective,
            max(makespanWeight, tardinessWeight) > ObjectiveBody.maximumWeight
        {
            throw Self.tooLarge(
                "the weights of a weighted-sum objective must be at most \(ObjectiveBody.maximumWeight)")
        }
    }

    /// Negative values pass, for `validate()` to refuse with the precise reason.
    private func time(_ value: Int, _ what: String) throws(APIError) {
        guard value <= maximumTime, value >= -maximumTime else {
            throw Self.tooLarge("\(what) is \(value); times are at most \(maximumTime) (seconds)")
        }
    }

    static func tooLarge(_ detail: String) -> APIError {
        APIError(
            .unprocessableContent, title: "Problem too large", type: "problem-too-large", detail: detail,
            members: ["code": .string("too_large")])
    }
}
