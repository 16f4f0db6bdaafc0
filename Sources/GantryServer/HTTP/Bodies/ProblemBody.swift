import Foundation
import GantryScheduling

/// The JSON scheduling model: machines (a count, or names that operations may use instead of indices), jobs
/// whose operations run on one `machine` for a `duration` or on one of several `alternatives`, machine
/// downtime `windows`, sequence-dependent `setups`, extra `precedences` and the `objective`. Times are
/// integers: seconds from the schedule's origin.
struct ProblemBody: Decodable, Sendable {
    let machines: MachineList
    let jobs: [JobBody]
    let windows: [WindowBody]
    let setups: [SetupBody]
    let precedences: [PrecedenceBody]
    let objective: ObjectiveBody

    enum CodingKeys: String, CodingKey, CaseIterable {
        case machines, jobs, windows, setups, precedences, objective
    }

    init(
        machines: MachineList, jobs: [JobBody], windows: [WindowBody], setups: [SetupBody] = [],
        precedences: [PrecedenceBody] = [], objective: ObjectiveBody
    ) {
        self.machines = machines
        self.jobs = jobs
        self.windows = windows
        self.setups = setups
        self.precedences = precedences
        self.objective = objective
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        machines = try container.decode(MachineList.self, forKey: .machines)
        jobs = try container.decode([JobBody].self, forKey: .jobs)
        windows = try container.decodeIfPresent([WindowBody].self, forKey: .windows) ?? []
        setups = try container.decodeIfPresent([SetupBody].self, forKey: .setups) ?? []
        precedences = try container.decodeIfPresent([PrecedenceBody].self, forKey: .precedences) ?? []
        objective = try container.decodeIfPresent(ObjectiveBody.self, forKey: .objective) ?? .makespan
    }
}

/// The machines of a problem: how many, or their names (index = place in the list).
enum MachineList: Decodable, Sendable {
    case count(Int)
    case names([String])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let count = try? container.decode(Int.self) {
            self = .count(count)
        } else if let names = try? container.decode([String].self) {
            self = .names(names)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "give the machine count or a list of machine names")
        }
    }
}

/// A machine named by its index or, when the problem names its machines, by its name.
enum MachineReference: Codable, Sendable, Hashable {
    case index(Int)
    case name(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let index = try? container.decode(Int.self) {
            self = .index(index)
        } else if let name = try? container.decode(String.self) {
            self = .name(name)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "give a machine index or a machine name")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .index(let index): try container.encode(index)
        case .name(let name): try container.encode(name)
        }
    }
}

/// A job: its operations in route order, and its release date, due date and tardiness weight.
struct JobBody: Decodable, Sendable {
    let name: String?
    let release: Int?
    let due: Int?
    let weight: Int?
    let operations: [OperationBody]

    enum CodingKeys: String, CodingKey, CaseIterable { case name, release, due, weight, operations }

    init(name: String?, release: Int?, due: Int?, weight: Int?, operations: [OperationBody]) {
        self.name = name
        self.release = release
        self.due = due
        self.weight = weight
        self.operations = operations
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        release = try container.decodeIfPresent(Int.self, forKey: .release)
        due = try container.decodeIfPresent(Int.self, forKey: .due)
        weight = try container.decodeIfPresent(Int.self, forKey: .weight)
        operations = try container.decode([OperationBody].self, forKey: .operations)
    }
}

/// An operation: `machine` and `duration`, or `alternatives` (one of which the solver picks).
struct OperationBody: Decodable, Sendable {
    let machine: MachineReference?
    let duration: Int?
    let alternatives: [AlternativeBody]?

    enum CodingKeys: String, CodingKey, CaseIterable { case machine, duration, alternatives }

    init(machine: MachineReference?, duration: Int?, alternatives: [AlternativeBody]?) {
        self.machine = machine
        self.duration = duration
        self.alternatives = alternatives
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        machine = try container.decodeIfPresent(MachineReference.self, forKey: .machine)
        duration = try container.decodeIfPresent(Int.self, forKey: .duration)
        alternatives = try container.decodeIfPresent([AlternativeBody].self, forKey: .alternatives)
    }
}

/// One machine an operation may run on, and how long it takes there.
struct AlternativeBody: Decodable, Sendable {
    let machine: MachineReference
    let duration: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case machine, duration }

    init(machine: MachineReference, duration: Int) {
        self.machine = machine
        self.duration = duration
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        machine = try container.decode(MachineReference.self, forKey: .machine)
        duration = try container.decode(Int.self, forKey: .duration)
    }
}

/// A machine downtime: no operation may overlap `start..<end` on `machine`.
struct WindowBody: Decodable, Sendable {
    let machine: MachineReference
    let start: Int
    let end: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case machine, start, end }

    init(machine: MachineReference, start: Int, end: Int) {
        self.machine = machine
        self.start = start
        self.end = end
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        machine = try container.decode(MachineReference.self, forKey: .machine)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
    }
}

/// Sequence-dependent setups of a machine: `times[fromJob][toJob]`, a jobs × jobs matrix.
struct SetupBody: Decodable, Sendable {
    let machine: MachineReference
    let times: [[Int]]

    enum CodingKeys: String, CodingKey, CaseIterable { case machine, times }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        machine = try container.decode(MachineReference.self, forKey: .machine)
        times = try container.decode([[Int]].self, forKey: .times)
    }
}

/// An operation's place: job and operation index, both 0-based.
struct OperationPlace: Decodable, Sendable {
    let job: Int
    let operation: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case job, operation }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        job = try container.decode(Int.self, forKey: .job)
        operation = try container.decode(Int.self, forKey: .operation)
    }

    var id: OperationID { OperationID(job: job, operation: operation) }
}

/// `after` starts no earlier than `before` ends.
struct PrecedenceBody: Decodable, Sendable {
    let before: OperationPlace
    let after: OperationPlace

    enum CodingKeys: String, CodingKey, CaseIterable { case before, after }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        before = try container.decode(OperationPlace.self, forKey: .before)
        after = try container.decode(OperationPlace.self, forKey: .after)
    }
}

/// `"makespan"`, `"weightedTardiness"` or `{"makespanWeight": a, "tardinessWeight": b}`.
struct ObjectiveBody: Codable, Sendable, Hashable {
    let objective: Objective

    static let makespan = ObjectiveBody(.makespan)
    /// The largest weight of a weighted sum, so that no objective value can overflow.
    static let maximumWeight = 100

    init(_ objective: Objective) {
        self.objective = objective
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case makespanWeight, tardinessWeight }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text {
            case "makespan": objective = .makespan
            case "weightedTardiness": objective = .totalWeightedTardiness
            default:
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription:
                            "must be \"makespan\", \"weightedTardiness\" or {\"makespanWeight\":…,\"tardinessWeight\":…}"
                    ))
            }
            return
        }
        let container = try decoder.strictContainer(CodingKeys.self)
        objective = .weightedSum(
            makespanWeight: try container.decode(Int.self, forKey: .makespanWeight),
            tardinessWeight: try container.decode(Int.self, forKey: .tardinessWeight))
    }

    func encode(to encoder: any Encoder) throws {
        switch objective {
        case .makespan:
            var container = encoder.singleValueContainer()
            try container.encode("makespan")
        case .totalWeightedTardiness:
            var container = encoder.singleValueContainer()
            try container.encode("weightedTardiness")
        case .weightedSum(let makespanWeight, let tardinessWeight):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(makespanWeight, forKey: .makespanWeight)
            try container.encode(tardinessWeight, forKey: .tardinessWeight)
        }
    }
}
