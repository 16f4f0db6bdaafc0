import GantryStorage
import Hummingbird

/// `/api/v1/alarm-rules`: the rule editor's API.
struct AlarmRuleRoutes {
    let alarms: AlarmService

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/alarm-rules") { request, context in
            let list = try ListParameters(request)
            let all = await alarms.rules(under: list.path, by: try context.requirePrincipal())
            let page = all.dropFirst(list.offset).prefix(list.limit).map(AlarmRuleView.init)
            return ListResponse(Page(items: Array(page), total: all.count, limit: list.limit, offset: list.offset))
        }
        routes.post("api/v1/alarm-rules") { request, context in
            let body = try await request.decode(as: AlarmRuleBody.self, context: context)
            let record = try await alarms.createRule(body.rule, by: context.requirePrincipal())
            return Located.created(AlarmRuleView(record: record), location: "/api/v1/alarm-rules/\(record.rule.id)")
        }
        routes.get("api/v1/alarm-rules/:id") { _, context in
            AlarmRuleView(record: try await alarms.rule(id: AlarmRoutes.id(context), by: context.requirePrincipal()))
        }
        routes.put("api/v1/alarm-rules/:id") { request, context in
            let body = try await request.decode(as: AlarmRuleBody.self, context: context)
            let id = try AlarmRoutes.id(context)
            guard body.rule.id == id else {
                throw APIError.badRequest("the body's id '\(body.rule.id)' differs from the path's '\(id)'")
            }
            return AlarmRuleView(record: try await alarms.replaceRule(body.rule, by: context.requirePrincipal()))
        }
        routes.delete("api/v1/alarm-rules/:id") { _, context in
            try await alarms.deleteRule(id: AlarmRoutes.id(context), by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
    }
}
