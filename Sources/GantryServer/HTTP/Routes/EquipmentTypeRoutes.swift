import GantryCore
import Hummingbird

/// `/api/v1/equipment-types`: the catalogue of machine kinds and their default tags.
struct EquipmentTypeRoutes {
    let plant: PlantRegistry

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/equipment-types") { request, context in
            let list = try ListParameters(request)
            let types = try await plant.equipmentTypes(by: context.requirePrincipal())
            return ListResponse(
                .init(
                    items: Array(types.dropFirst(list.offset).prefix(list.limit)), total: types.count,
                    limit: list.limit, offset: list.offset))
        }
        routes.post("api/v1/equipment-types") { request, context in
            let body = try await request.decode(as: EquipmentTypeCreateBody.self, context: context)
            let type = try await plant.createEquipmentType(body.type, by: context.requirePrincipal())
            return Located.created(type, location: "/api/v1/equipment-types/\(type.name)")
        }
        routes.get("api/v1/equipment-types/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            return try await plant.equipmentType(name: name, by: context.requirePrincipal())
        }
    }
}
