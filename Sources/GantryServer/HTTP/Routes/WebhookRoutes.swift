import GantryStorage
import Hummingbird

/// `/api/v1/webhooks`: where alarm notifications go, and what could not be delivered.
struct WebhookRoutes {
    let alarms: AlarmService

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/webhooks") { _, context in
            let all = await alarms.webhooks(by: try context.requirePrincipal()).map(WebhookView.init)
            return ListResponse(Page(items: all, total: all.count, limit: max(all.count, 1), offset: 0))
        }
        routes.post("api/v1/webhooks") { request, context in
            let body = try await request.decode(as: WebhookCreateBody.self, context: context)
            let webhook = try await alarms.addWebhook(
                enterprise: body.enterprise, url: body.url, minimumPriority: body.minimumPriority,
                by: context.requirePrincipal())
            return Located.created(WebhookView(webhook), location: "/api/v1/webhooks/\(webhook.id)")
        }
        routes.delete("api/v1/webhooks/:id") { _, context in
            try await alarms.removeWebhook(id: AlarmRoutes.id(context), by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
        routes.get("api/v1/webhooks/dead-letters") { request, context in
            let list = try ListParameters(request)
            let letters = try await alarms.deadLetters(limit: list.limit, by: context.requirePrincipal())
            let items = letters.map(DeadLetterView.init)
            return ListResponse(Page(items: items, total: items.count, limit: list.limit, offset: 0))
        }
    }
}
