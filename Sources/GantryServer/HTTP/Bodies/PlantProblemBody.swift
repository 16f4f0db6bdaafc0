import Foundation
import GantryScheduling

/// A problem built from the plant: machines are equipment assets (by asset path or id), work orders are jobs
/// whose operations name the equipment that can run them, and downtime windows block equipment.
///
/// `equipment` fixes the machines' order (the Gantt's rows); equipment named only in work orders or downtime
/// follows in order of first mention.
struct PlantProblemBody: Decodable, Sendable {
    let equipment: [String]
    let workOrders: [WorkOrderBody]
    let downtime: [DowntimeBody]
    let objective: ObjectiveBody

    enum CodingKeys: String, CodingKey, CaseIterable { case equipment, workOrders, downtime, objective }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        equipment = try container.decodeIfPresent([String].self, forKey: .equipment) ?? []
        workOrders = try container.decode([WorkOrderBody].self, forKey: .workOrders)
        downtime = try container.decodeIfPresent([DowntimeBody].self, forKey: .downtime) ?? []
        objective = try container.decodeIfPresent(ObjectiveBody.self, forKey: .objective) ?? .makespan
    }
}

/// A work order: a job whose operations run on plant equipment.
struct WorkOrderBody: Decodable, Sendable {
    let name: String?
    let release: Int?
    let due: Int?
    let weight: Int?
    let operations: [WorkOrderOperationBody]

    enum CodingKeys: String, CodingKey, CaseIterable { case name, release, due, weight, operations }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        release = try container.decodeIfPresent(Int.self, forKey: .release)
        due = try container.decodeIfPresent(Int.self, forKey: .due)
        weight = try container.decodeIfPresent(Int.self, forKey: .weight)
        operations = try container.decode([WorkOrderOperationBody].self, forKey: .operations)
    }
}

/// A work order's step: `equipment` and `duration`, or `alternatives` of equipment and duration.
struct WorkOrderOperationBody: Decodable, Sendable {
    let equipment: String?
    let duration: Int?
    let alternatives: [EquipmentAlternativeBody]?

    enum CodingKeys: String, CodingKey, CaseIterable { case equipment, duration, alternatives }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        equipment = try container.decodeIfPresent(String.self, forKey: .equipment)
        duration = try container.decodeIfPresent(Int.self, forKey: .duration)
        alternatives = try container.decodeIfPresent([EquipmentAlternativeBody].self, forKey: .alternatives)
    }
}

/// Equipment (asset path or id) that can run a step, and how long the step takes there.
struct EquipmentAlternativeBody: Decodable, Sendable {
    let equipment: String
    let duration: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case equipment, duration }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        equipment = try container.decode(String.self, forKey: .equipment)
        duration = try container.decode(Int.self, forKey: .duration)
    }
}

/// Equipment unavailable from `start` to `end` (maintenance, a breakdown, a shift without staff).
struct DowntimeBody: Decodable, Sendable {
    let equipment: String
    let start: Int
    let end: Int

    enum CodingKeys: String, CodingKey, CaseIterable { case equipment, start, end }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        equipment = try container.decode(String.self, forKey: .equipment)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
    }
}
