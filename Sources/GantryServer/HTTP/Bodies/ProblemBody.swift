import Foundation
import GantryScheduling

/// The JSON scheduling model: machines (a count, or names that operations may use instead of indices), jobs
/// whose operations run on one `machine` for a `duration` or on one of several `alternatives`, machine
/// downtime `windows`, sequence-dependent `setups`, extra `precedences` and the `objective`. Times are
/// integers: seconds from the schedule's origin.
struct ProblemBody: Decodable, Sendable {
    let machines: MachineList
    let jobs: [JobBody<MachineReference>]
    let windows: [WindowBody<MachineReference>]
    let setups: [SetupBody]
    let precedences: [PrecedenceBody]
    let objective: ObjectiveBody

    enum CodingKeys: String, CodingKey, CaseIterable {
        case machines, jobs, windows, setups, precedences, objective
    }

    init(
        machines: MachineList, jobs: [JobBody<MachineReference>], windows: [WindowBody<MachineReference>],
        setups: [SetupBody] = [],
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
        jobs = try container.decode([JobBody<MachineReference>].self, forKey: .jobs)
        windows = try container.decodeIfPresent([WindowBody<MachineReference>].self, forKey: .windows) ?? []
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

/// What a body's operations run on: a machine of the problem (`"machine"`), or plant equipment
/// (`"equipment"`). The job, operation, alternative and window bodies are generic over it, so a JSON problem
/// and a problem built from the plant decode through the same code and differ only in that key.
protocol ScheduledResource: Decodable, Sendable {
    /// The JSON key it goes by.
    static var key: String { get }
}

extension MachineReference: ScheduledResource {
    static var key: String { "machine" }
}

/// Plant equipment, by asset path or asset id.
struct EquipmentReference: ScheduledResource, Hashable {
    static var key: String { "equipment" }
    let reference: String

    init(from decoder: any Decoder) throws {
        reference = try decoder.singleValueContainer().decode(String.self)
    }
}

/// A job (a work order, when built from the plant): its operations in route order, and its release date, due
/// date and tardiness weight.
struct JobBody<Resource: ScheduledResource>: Decodable, Sendable {
    let name: String?
    let release: Int?
    let due: Int?
    let weight: Int?
    let operations: [OperationBody<Resource>]
}

// The generic bodies decode in extensions, so that their memberwise initialisers (used by `PlantProblem`) stay.
extension JobBody {
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: ["name", "release", "due", "weight", "operations"])
        name = try container.decodeIfPresent(String.self, forKey: AnyCodingKey(stringValue: "name"))
        release = try container.decodeIfPresent(Int.self, forKey: AnyCodingKey(stringValue: "release"))
        due = try container.decodeIfPresent(Int.self, forKey: AnyCodingKey(stringValue: "due"))
        weight = try container.decodeIfPresent(Int.self, forKey: AnyCodingKey(stringValue: "weight"))
        operations = try container.decode(
            [OperationBody<Resource>].self, forKey: AnyCodingKey(stringValue: "operations"))
    }
}

/// An operation: a resource and `duration`, or `alternatives` (one of which the solver picks).
struct OperationBody<Resource: ScheduledResource>: Decodable, Sendable {
    let resource: Resource?
    let duration: Int?
    let alternatives: [AlternativeBody<Resource>]?
}

extension OperationBody {
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: [Resource.key, "duration", "alternatives"])
        resource = try container.decodeIfPresent(Resource.self, forKey: AnyCodingKey(stringValue: Resource.key))
        duration = try container.decodeIfPresent(Int.self, forKey: AnyCodingKey(stringValue: "duration"))
        alternatives = try container.decodeIfPresent(
            [AlternativeBody<Resource>].self, forKey: AnyCodingKey(stringValue: "alternatives"))
    }
}

/// One resource an operation may run on, and how long it takes there.
struct AlternativeBody<Resource: ScheduledResource>: Decodable, Sendable {
    let resource: Resource
    let duration: Int
}

extension AlternativeBody {
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: [Resource.key, "duration"])
        resource = try container.decode(Resource.self, forKey: AnyCodingKey(stringValue: Resource.key))
        duration = try container.decode(Int.self, forKey: AnyCodingKey(stringValue: "duration"))
    }
}

/// A resource's downtime (maintenance, a breakdown, a shift without staff): no operation may overlap
/// `start..<end` on it.
struct WindowBody<Resource: ScheduledResource>: Decodable, Sendable {
    let resource: Resource
    let start: Int
    let end: Int
}

extension WindowBody {
    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(allowing: [Resource.key, "start", "end"])
        resource = try container.decode(Resource.self, forKey: AnyCodingKey(stringValue: Resource.key))
        start = try container.decode(Int.self, forKey: AnyCodingKey(stringValue: "start"))
        end = try container.decode(Int.self, forKey: AnyCodingKey(stringValue: "end"))
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
