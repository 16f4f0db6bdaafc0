import GantryCore
import Hummingbird

/// `/api/v1/tags`: the signals of the plant's assets.
struct TagRoutes {
    let plant: PlantRegistry

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/tags") { request, context in
            let list = try ListParameters(request)
            let dataType = try ListParameters.choice(request, "dataType", as: TagDataType.self)
            return ListResponse(
                try await plant.tags(
                    prefix: list.path, dataType: dataType, limit: list.limit, offset: list.offset,
                    by: context.requirePrincipal()))
        }
        routes.post("api/v1/tags") { request, context in
            let body = try await request.decode(as: TagCreateBody.self, context: context)
            let tag = try await plant.createTag(
                path: body.path, dataType: body.dataType, unit: body.unit, range: body.range,
                description: body.description, by: context.requirePrincipal())
            return Located.created(tag, location: "/api/v1/tags/\(tag.id)")
        }
        routes.get("api/v1/tags/:id") { _, context in
            try await plant.tag(id: context.parameters.uuid("id"), by: context.requirePrincipal())
        }
        routes.patch("api/v1/tags/:id") { request, context in
            let body = try await request.decode(as: TagUpdateBody.self, context: context)
            return try await plant.updateTag(
                id: context.parameters.uuid("id"), unit: body.unit, min: body.min, max: body.max,
                description: body.description, by: context.requirePrincipal())
        }
        routes.delete("api/v1/tags/:id") { _, context in
            try await plant.deleteTag(id: context.parameters.uuid("id"), by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
    }
}
