import GantryConnectors
import GantryCore
import GantryStorage
import Hummingbird

/// `/api/v1/connectors` and `/api/v1/devices/{id}/connector`: the platform's own Modbus and OPC UA clients,
/// one per device, configured and watched through the API.
struct ConnectorRoutes {
    let plant: PlantRegistry
    let connectors: ConnectorSupervisor

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/connectors") { _, context in
            let principal = try context.requirePrincipal()
            let statuses = await connectors.statuses()
            var views: [ConnectorView] = []
            for stored in try await plant.store.connectors() {
                guard let device = try await plant.store.device(id: stored.deviceID),
                    principal.rights.allows(.viewer, on: device.assetPath),
                    let definition = try? ConnectorDefinition.decode(stored.configuration)
                else { continue }
                views.append(ConnectorView(device, definition, status: statuses[device.id]?.status, full: false))
            }
            return ConnectorList(items: views)
        }
        routes.get("api/v1/devices/:id/connector") { _, context in
            let device = try await plant.device(id: context.parameters.uuid("id"), by: context.requirePrincipal())
            guard let definition = try await connectors.definition(of: device) else {
                throw MetadataStoreError(.notFound, "device '\(device.name)' has no connector")
            }
            return ConnectorView(device, definition, status: await connectors.status(of: device.id))
        }
        routes.put("api/v1/devices/:id/connector") { request, context in
            let principal = try context.requirePrincipal()
            let device = try await plant.device(id: context.parameters.uuid("id"), by: principal)
            try principal.rights.require(.engineer, on: device.assetPath)
            let body = try await request.decode(as: ConnectorBody.self, context: context)
            let saved = try await connectors.save(body.definition, for: device)
            return ConnectorView(device, saved, status: await connectors.status(of: device.id))
        }
        routes.post("api/v1/devices/:id/connector/browse") { request, context in
            let principal = try context.requirePrincipal()
            let device = try await plant.device(id: context.parameters.uuid("id"), by: principal)
            try principal.rights.require(.engineer, on: device.assetPath)
            let body = try await request.decode(as: BrowseBody.self, context: context)
            return BrowseResult(
                items: try await connectors.browse(endpoint: body.endpoint, node: body.node ?? "i=85", for: device))
        }
        routes.delete("api/v1/devices/:id/connector") { _, context in
            let principal = try context.requirePrincipal()
            let device = try await plant.device(id: context.parameters.uuid("id"), by: principal)
            try principal.rights.require(.engineer, on: device.assetPath)
            guard try await connectors.remove(from: device) else {
                throw MetadataStoreError(.notFound, "device '\(device.name)' has no connector")
            }
            return HTTPResponse.Status.noContent
        }
    }
}

/// `GET /api/v1/connectors`: every connector the caller may see, with its status.
struct ConnectorList: ResponseEncodable {
    let items: [ConnectorView]
}

/// `POST /api/v1/devices/{id}/connector/browse`: the server and the node to list (the Objects folder, `i=85`,
/// when left out).
struct BrowseBody: Decodable {
    let endpoint: String
    let node: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case endpoint, node }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        endpoint = try container.decode(String.self, forKey: .endpoint)
        node = try container.decodeIfPresent(String.self, forKey: .node)
    }
}

/// The references of a browsed node.
struct BrowseResult: ResponseEncodable {
    let items: [BrowsedNode]
}
