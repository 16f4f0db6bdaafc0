import GantryStorage
import Hummingbird

/// `/api/v1/devices`: connected endpoints and their credentials.
struct DeviceRoutes {
    let plant: PlantRegistry
    let presence: DevicePresence
    let connectors: ConnectorSupervisor

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/devices") { request, context in
            let list = try ListParameters(request)
            let page = try await plant.devices(
                prefix: list.path, limit: list.limit, offset: list.offset, by: context.requirePrincipal())
            return ListResponse(
                Page(
                    items: page.items.map { DeviceView($0, presence.status(of: $0.username)) }, total: page.total,
                    limit: page.limit, offset: page.offset))
        }
        routes.post("api/v1/devices") { request, context in
            let body = try await request.decode(as: DeviceCreateBody.self, context: context)
            let (device, password) = try await plant.createDevice(
                name: body.name, assetPath: body.assetPath, description: body.description,
                by: context.requirePrincipal())
            return Located.created(
                DeviceCredentialsResponse(device, password: password), location: "/api/v1/devices/\(device.id)")
        }
        routes.get("api/v1/devices/:id") { _, context in
            let device = try await plant.device(id: context.parameters.uuid("id"), by: context.requirePrincipal())
            return DeviceView(device, presence.status(of: device.username))
        }
        routes.patch("api/v1/devices/:id") { request, context in
            let body = try await request.decode(as: DeviceUpdateBody.self, context: context)
            let device = try await plant.updateDevice(
                id: context.parameters.uuid("id"), assetPath: body.assetPath, description: body.description,
                by: context.requirePrincipal())
            await connectors.deviceChanged(device)
            return device
        }
        routes.delete("api/v1/devices/:id") { _, context in
            let id = try context.parameters.uuid("id")
            try await plant.deleteDevice(id: id, by: context.requirePrincipal())
            await connectors.deviceRemoved(id)
            return HTTPResponse.Status.noContent
        }
        routes.post("api/v1/devices/:id/credentials") { _, context in
            let (device, password) = try await plant.rotateCredentials(
                id: context.parameters.uuid("id"), by: context.requirePrincipal())
            return DeviceCredentialsResponse(device, password: password)
        }
    }
}
