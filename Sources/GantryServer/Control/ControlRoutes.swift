import Foundation
import GantryControl
import GantryCore
import GantryStorage
import Hummingbird

/// `/api/v1/commands`, `/api/v1/equipment/{id}/lease` and `/api/v1/audit`: the control road over HTTP.
struct ControlRoutes {
    let control: ControlService
    let store: MetadataStore

    func add(to routes: RouteRegistrar) {
        routes.post("api/v1/commands") { request, context in
            let body = try await request.decode(as: CommandBody.self, context: context)
            let record = try await control.request(body.request, by: context.requirePrincipal())
            return Located.created(CommandView(record), location: "/api/v1/commands/\(record.id)")
        }
        routes.get("api/v1/commands") { request, context in
            let list = try ListParameters(request)
            let equipment = try request.uri.queryParameters["equipment"].map(String.init).map(Self.path)
            let page = try await control.commands(
                equipment: equipment ?? list.path, limit: list.limit, offset: list.offset,
                by: context.requirePrincipal())
            return ListResponse(
                Page(items: page.items.map(CommandView.init), total: page.total, limit: list.limit, offset: list.offset)
            )
        }
        routes.get("api/v1/commands/:id") { _, context in
            CommandView(try await control.command(id: Self.parameter(context, "id"), by: context.requirePrincipal()))
        }
        routes.post("api/v1/commands/:id/confirm") { _, context in
            CommandView(
                try await control.confirm(commandID: Self.parameter(context, "id"), by: context.requirePrincipal()))
        }
        routes.post("api/v1/commands/:id/cancel") { _, context in
            CommandView(
                try await control.cancel(commandID: Self.parameter(context, "id"), by: context.requirePrincipal()))
        }
        routes.get("api/v1/equipment/:id/lease") { _, context in
            let principal = try context.requirePrincipal()
            let path = try await equipmentPath(context, principal)
            return LeaseView(try await control.lease(equipment: path, by: principal))
        }
        routes.post("api/v1/equipment/:id/lease") { request, context in
            let principal = try context.requirePrincipal()
            let path = try await equipmentPath(context, principal)
            let takeOver = request.uri.queryParameters["takeover"].map { $0 == "true" || $0 == "1" } ?? false
            return LeaseView(try await control.requestLease(equipment: path, takeOver: takeOver, by: principal))
        }
        routes.delete("api/v1/equipment/:id/lease") { _, context in
            let principal = try context.requirePrincipal()
            let path = try await equipmentPath(context, principal)
            return LeaseView(try await control.releaseLease(equipment: path, by: principal))
        }
        routes.get("api/v1/equipment/:id/commands") { _, context in
            let principal = try context.requirePrincipal()
            let path = try await equipmentPath(context, principal)
            return CommandCatalogueView(
                items: try await control.catalogue(equipment: path, by: principal).map(CommandDefinitionView.init))
        }
        routes.get("api/v1/equipment/:id/interlocks") { _, context in
            let principal = try context.requirePrincipal()
            let path = try await equipmentPath(context, principal)
            return InterlockList(
                items: try await control.interlocks(equipment: path, by: principal).map(InterlockView.init))
        }
        routes.get("api/v1/audit") { request, context in
            let query = request.uri.queryParameters
            let limit = try ListParameters.integer(query, "limit", default: 100, range: 1...1000)
            let before = try query["before"].map(String.init).map(Self.sequence)
            let lines = try await control.audit(limit: limit, before: before, by: context.requirePrincipal())
            return AuditPage(items: lines.map(AuditLineView.init))
        }
        routes.get("api/v1/audit/verify") { _, context in
            let findings = try await control.verifyAudit(by: context.requirePrincipal())
            return AuditVerification(valid: findings.isEmpty, findings: findings.map(\.description))
        }
    }

    /// The equipment `{id}` names: an asset id, or its path with `/` written as `%2F`.
    private func equipmentPath(_ context: GantryRequestContext, _ principal: Principal) async throws -> String {
        let raw = try Self.parameter(context, "id")
        let text = raw.removingPercentEncoding ?? raw
        if let id = UUID(uuidString: text) {
            guard let asset = try await store.asset(id: id), principal.rights.allows(.viewer, on: asset.path) else {
                throw ControlError(.unknownEquipment, "no equipment with id \(text)")
            }
            return asset.path.description
        }
        return text
    }

    static func path(_ text: String) throws -> AssetPath {
        do {
            return try AssetPath(text)
        } catch {
            throw APIError.badRequest("query parameter 'equipment': \(error.message)")
        }
    }

    static func sequence(_ text: String) throws -> Int64 {
        guard let number = Int64(text), number > 0 else {
            throw APIError.badRequest("query parameter 'before' must be a positive audit sequence")
        }
        return number
    }

    static func parameter(_ context: GantryRequestContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else {
            throw APIError.badRequest("path parameter '\(name)' is missing")
        }
        return value
    }
}

/// `POST /api/v1/commands`, with no field it does not know.
struct CommandBody: Decodable {
    let request: CommandRequest

    enum CodingKeys: String, CodingKey, CaseIterable { case equipment, name, args, ttlMs }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        request = CommandRequest(
            equipment: try container.decode(String.self, forKey: .equipment),
            name: try container.decode(String.self, forKey: .name),
            args: try container.decodeIfPresent([String: CommandValue].self, forKey: .args),
            ttlMs: try container.decodeIfPresent(Int64.self, forKey: .ttlMs))
    }
}

struct AuditPage: ResponseEncodable {
    let items: [AuditLineView]
}

struct AuditVerification: ResponseEncodable {
    let valid: Bool
    let findings: [String]
}
