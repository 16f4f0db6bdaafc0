import Foundation
import GantryCore
import GantryScheduling

/// Turns work orders over plant equipment into the scheduling model: each piece of equipment the caller may
/// see becomes a machine named by its asset path.
struct PlantProblem {
    let plant: PlantRegistry
    let principal: Principal
    let limits: ScheduleLimits
    private var machines: [UUID: Int] = [:]
    private var byReference: [String: Int] = [:]
    private(set) var paths: [AssetPath] = []

    init(plant: PlantRegistry, principal: Principal, limits: ScheduleLimits) {
        self.plant = plant
        self.principal = principal
        self.limits = limits
    }

    /// The problem as the JSON model has it (machines by index, named by asset path), and the equipment paths.
    static func build(
        _ body: PlantProblemBody, plant: PlantRegistry, by principal: Principal, limits: ScheduleLimits
    ) async throws -> (ProblemBody, [AssetPath]) {
        var references = Set(body.equipment).union(body.downtime.map(\.resource.reference))
        for order in body.workOrders {
            for operation in order.operations {
                references.formUnion([operation.resource?.reference].compactMap { $0 })
                references.formUnion((operation.alternatives ?? []).map(\.resource.reference))
            }
        }
        guard references.count <= limits.maximumMachines else {
            throw ScheduleLimits.tooLarge(
                "the problem names \(references.count) pieces of equipment; at most \(limits.maximumMachines) are taken"
            )
        }
        var builder = PlantProblem(plant: plant, principal: principal, limits: limits)
        for (index, reference) in body.equipment.enumerated() {
            _ = try await builder.machine(reference, "equipment[\(index)]", job: nil, operation: nil)
        }
        var jobs: [JobBody<MachineReference>] = []
        for (j, order) in body.workOrders.enumerated() {
            let label = "work order \(j)\(order.name.map { " (\($0))" } ?? "")"
            var operations: [OperationBody<MachineReference>] = []
            for (o, operation) in order.operations.enumerated() {
                let place = "\(label), operation \(o)"
                var machine: MachineReference?
                if let equipment = operation.resource {
                    machine = .index(try await builder.machine(equipment.reference, place, job: j, operation: o))
                }
                var alternatives: [AlternativeBody<MachineReference>]?
                if let given = operation.alternatives {
                    var list: [AlternativeBody<MachineReference>] = []
                    for alternative in given {
                        let index = try await builder.machine(
                            alternative.resource.reference, place, job: j, operation: o)
                        list.append(AlternativeBody(resource: .index(index), duration: alternative.duration))
                    }
                    alternatives = list
                }
                operations.append(
                    OperationBody(resource: machine, duration: operation.duration, alternatives: alternatives))
            }
            jobs.append(
                JobBody(
                    name: order.name, release: order.release, due: order.due, weight: order.weight,
                    operations: operations))
        }
        var windows: [WindowBody<MachineReference>] = []
        for (index, downtime) in body.downtime.enumerated() {
            let machine = try await builder.machine(
                downtime.resource.reference, "downtime[\(index)]", job: nil, operation: nil)
            windows.append(WindowBody(resource: .index(machine), start: downtime.start, end: downtime.end))
        }
        let problem = ProblemBody(
            machines: .names(builder.paths.map(\.description)), jobs: jobs, windows: windows,
            objective: body.objective)
        return (problem, builder.paths)
    }

    /// The machine index of the equipment `reference` (an asset path or id), refusing what is not equipment
    /// the caller may see.
    private mutating func machine(
        _ reference: String, _ place: String, job: Int?, operation: Int?
    ) async throws
        -> Int
    {
        if let known = byReference[reference] { return known }
        var asset: Asset?
        if let id = UUID(uuidString: reference) {
            asset = try await plant.store.asset(id: id)
        } else if let path = try? AssetPath(reference) {
            asset = try await plant.store.asset(path: path)
        }
        guard let asset, principal.rights.allows(.viewer, on: asset.path) else {
            throw Self.unknownEquipment(
                "\(place) names equipment '\(reference)', which is no asset you may see", job: job,
                operation: operation)
        }
        guard asset.level.isEquipmentOrComponent else {
            throw Self.unknownEquipment(
                "\(place) names '\(reference)', which is at the \(asset.level.rawValue) level, not equipment", job: job,
                operation: operation)
        }
        let index: Int
        if let existing = machines[asset.id] {
            index = existing
        } else {
            index = paths.count
            machines[asset.id] = index
            paths.append(asset.path)
        }
        byReference[reference] = index
        return index
    }

    private static func unknownEquipment(_ detail: String, job: Int?, operation: Int?) -> APIError {
        var members: [String: ProblemMember] = ["code": .string("unknown_equipment")]
        if let job { members["job"] = .integer(job) }
        if let operation { members["operation"] = .integer(operation) }
        return APIError(
            .unprocessableContent, title: "Invalid scheduling problem", type: "invalid-problem", detail: detail,
            members: members)
    }
}
