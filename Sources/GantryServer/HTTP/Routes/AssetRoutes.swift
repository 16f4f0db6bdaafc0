import GantryCore
import Hummingbird

/// `/api/v1/assets`: the ISA-95 plant model.
struct AssetRoutes {
    let plant: PlantRegistry

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/assets") { request, context in
            let list = try ListParameters(request)
            let level = try ListParameters.choice(request, "level", as: AssetLevel.self)
            return ListResponse(
                try await plant.assets(
                    prefix: list.path, level: level, limit: list.limit, offset: list.offset,
                    by: context.requirePrincipal()))
        }
        routes.post("api/v1/assets") { request, context in
            let body = try await request.decode(as: AssetCreateBody.self, context: context)
            let asset = try await plant.createAsset(
                path: body.path, name: body.name, type: body.type, description: body.description,
                by: context.requirePrincipal())
            return Located.created(asset, location: "/api/v1/assets/\(asset.id)")
        }
        routes.get("api/v1/assets/:id") { _, context in
            try await plant.asset(id: context.parameters.uuid("id"), by: context.requirePrincipal())
        }
        routes.patch("api/v1/assets/:id") { request, context in
            let body = try await request.decode(as: AssetUpdateBody.self, context: context)
            return try await plant.updateAsset(
                id: context.parameters.uuid("id"), name: body.name, description: body.description,
                by: context.requirePrincipal())
        }
        routes.delete("api/v1/assets/:id") { _, context in
            try await plant.deleteAsset(id: context.parameters.uuid("id"), by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
    }
}
