import Foundation

/// A solved schedule as plain JSON for any front end (a Gantt chart, the HTTP API, a file):
/// `{"makespan":…, "lowerBound":…, "operations":[{"job":…, "op":…, "machine":…, "start":…, "end":…}]}`
/// (with the objective's value and whether it is proven optimal when it comes from a solve), operations sorted
/// by machine, then start. Indices are 0-based.
public struct ScheduleReport: Codable, Hashable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        public var job: Int
        public var operation: Int
        public var machine: Int
        public var start: Int
        public var end: Int

        enum CodingKeys: String, CodingKey {
            case job
            case operation = "op"
            case machine, start, end
        }
    }

    public var makespan: Int
    public var lowerBound: Int?
    /// The value of the problem's objective, when it is not the makespan alone.
    public var objectiveValue: Int?
    /// Whether the solver proved the schedule optimal (nil for a schedule from elsewhere).
    public var optimal: Bool?
    public var operations: [Entry]

    /// The report of `schedule`, with the lower bound when known.
    public init(_ schedule: Schedule, lowerBound: Int? = nil) {
        makespan = schedule.makespan
        self.lowerBound = lowerBound
        operations = schedule.operations.map {
            Entry(job: $0.id.job, operation: $0.id.operation, machine: $0.machine, start: $0.start, end: $0.end)
        }
        .sorted { ($0.machine, $0.start, $0.job, $0.operation) < ($1.machine, $1.start, $1.job, $1.operation) }
    }

    /// The report of a solver result.
    public init(_ result: SolverResult) {
        self.init(result.schedule, lowerBound: result.lowerBound)
        objectiveValue = result.objectiveValue == result.makespan ? nil : result.objectiveValue
        optimal = result.isOptimal
    }

    /// The report back as a schedule, e.g. to check one that came from elsewhere.
    public var schedule: Schedule {
        Schedule(
            operations: operations.map {
                ScheduledOperation(
                    id: OperationID(job: $0.job, operation: $0.operation), machine: $0.machine, start: $0.start,
                    end: $0.end)
            })
    }

    /// Compact JSON with sorted keys, so that equal reports are equal bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain integers and arrays cannot fail.
        return try! encoder.encode(self)
    }
}
