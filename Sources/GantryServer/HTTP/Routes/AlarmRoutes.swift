import GantryAlarms
import GantryCore
import GantryStorage
import Hummingbird

/// `/api/v1/alarms`: the alarm list, operator actions, the journal and the alarm-rate KPIs.
struct AlarmRoutes {
    let alarms: AlarmService

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/alarms") { request, context in
            let list = try ListParameters(request)
            let states = try Self.states(request.uri.queryParameters["state"].map(String.init))
            let all = await alarms.alarms(in: states, under: list.path, by: try context.requirePrincipal())
            let page = all.dropFirst(list.offset).prefix(list.limit).map(AlarmView.init)
            return ListResponse(Page(items: Array(page), total: all.count, limit: list.limit, offset: list.offset))
        }
        routes.get("api/v1/alarms/journal") { request, context in
            let list = try ListParameters(request)
            let query = request.uri.queryParameters
            let page = try await alarms.journal(
                under: list.path, alarmID: query["alarm"].map(String.init),
                since: try TelemetryParameters.time(query, "since"), limit: list.limit, offset: list.offset,
                by: context.requirePrincipal())
            return ListResponse(
                Page(
                    items: page.items.map(AlarmJournalView.init), total: page.total, limit: page.limit,
                    offset: page.offset))
        }
        routes.get("api/v1/alarms/kpi") { request, context in
            let query = request.uri.queryParameters
            let to = try TelemetryParameters.time(query, "to") ?? Timestamp.now.millisecondsSinceEpoch
            let from = try TelemetryParameters.time(query, "from") ?? to - 86_400_000
            let loads = try await alarms.load(from: from, to: to, by: context.requirePrincipal())
            return AlarmLoadResponse(from: from, to: to, loads: loads)
        }
        routes.get("api/v1/alarms/:id") { _, context in
            AlarmView(try await alarms.alarm(Self.id(context), by: context.requirePrincipal()))
        }
        routes.post("api/v1/alarms/:id/ack") { request, context in
            let body = try await Self.optionalBody(request, context)
            return AlarmView(
                try await alarms.acknowledge(
                    alarmID: Self.id(context), comment: body.comment, by: context.requirePrincipal()))
        }
        routes.post("api/v1/alarms/:id/shelve") { request, context in
            let body = try await request.decode(as: AlarmShelveBody.self, context: context)
            let (milliseconds, overflow) = body.durationMinutes.multipliedReportingOverflow(by: 60_000)
            return AlarmView(
                try await alarms.shelve(
                    alarmID: Self.id(context), durationMilliseconds: overflow ? .max : milliseconds,
                    comment: body.comment, by: context.requirePrincipal()))
        }
        let actions: [(String, @Sendable (AlarmService, String, String, Principal) async throws -> AlarmSnapshot)] = [
            ("unshelve", { try await $0.unshelve(alarmID: $1, comment: $2, by: $3) }),
            ("suppress", { try await $0.suppress(alarmID: $1, comment: $2, by: $3) }),
            ("unsuppress", { try await $0.unsuppress(alarmID: $1, comment: $2, by: $3) }),
            ("remove-from-service", { try await $0.removeFromService(alarmID: $1, comment: $2, by: $3) }),
            ("return-to-service", { try await $0.returnToService(alarmID: $1, comment: $2, by: $3) }),
        ]
        for (name, action) in actions {
            routes.post("api/v1/alarms/:id/\(name)") { request, context in
                let body = try await Self.optionalBody(request, context)
                return AlarmView(try await action(alarms, Self.id(context), body.comment, context.requirePrincipal()))
            }
        }
    }

    static func id(_ context: GantryRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty else {
            throw APIError.badRequest("path parameter 'id' is missing")
        }
        return id
    }

    /// A body that may be left out entirely (an acknowledgement without a comment).
    static func optionalBody(_ request: Request, _ context: GantryRequestContext) async throws -> AlarmActionBody {
        if request.headers[.contentLength] == "0"
            || (request.headers[.contentLength] == nil
                && request.headers[.transferEncoding] == nil)
        {
            return AlarmActionBody()
        }
        return try await request.decode(as: AlarmActionBody.self, context: context)
    }

    /// `state=active_unacknowledged,shelved`; `active` and `unacknowledged` name the two states each covers.
    static func states(_ text: String?) throws -> Set<AlarmState>? {
        guard let text else { return nil }
        var states: Set<AlarmState> = []
        for name in text.split(separator: ",") {
            switch name {
            case "active": states.formUnion([.activeUnacknowledged, .activeAcknowledged])
            case "unacknowledged": states.formUnion([.activeUnacknowledged, .returnedUnacknowledged])
            default:
                guard let state = AlarmState(rawValue: String(name)) else {
                    let names = AlarmState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError.badRequest(
                        "query parameter 'state': '\(name)' is not a state; use \(names), active or unacknowledged")
                }
                states.insert(state)
            }
        }
        return states
    }
}
