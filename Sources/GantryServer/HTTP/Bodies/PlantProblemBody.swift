import Foundation
import GantryScheduling

/// A problem built from the plant: machines are equipment assets (by asset path or id), work orders are jobs
/// whose operations name the equipment that can run them, and downtime windows block equipment.
///
/// `equipment` fixes the machines' order (the Gantt's rows); equipment named only in work orders or downtime
/// follows in order of first mention.
struct PlantProblemBody: Decodable, Sendable {
    let equipment: [String]
    let workOrders: [JobBody<EquipmentReference>]
    let downtime: [WindowBody<EquipmentReference>]
    let objective: ObjectiveBody

    enum CodingKeys: String, CodingKey, CaseIterable { case equipment, workOrders, downtime, objective }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        equipment = try container.decodeIfPresent([String].self, forKey: .equipment) ?? []
        workOrders = try container.decode([JobBody<EquipmentReference>].self, forKey: .workOrders)
        downtime = try container.decodeIfPresent([WindowBody<EquipmentReference>].self, forKey: .downtime) ?? []
        objective = try container.decodeIfPresent(ObjectiveBody.self, forKey: .objective) ?? .makespan
    }
}
