import GantryCore
import Hummingbird

/// `/api/v1/telemetry`: measured values in and out.
struct TelemetryRoutes {
    let telemetry: TelemetryService

    func add(to routes: RouteRegistrar) {
        routes.post("api/v1/telemetry") { request, context in
            let body = try await request.decode(as: [TelemetrySampleBody].self, context: context)
            guard !body.isEmpty else { throw APIError.badRequest("the body holds no samples; send a JSON array") }
            let accepted = try await telemetry.append(body.map(\.sample), by: context.requirePrincipal())
            return TelemetryAccepted(accepted: accepted)
        }
        routes.get("api/v1/telemetry") { request, context in
            let parameters = try TelemetryParameters(request, now: Timestamp.now.millisecondsSinceEpoch)
            let answer = try await telemetry.read(
                parameters.tags, in: parameters.range, shape: parameters.shape, by: context.requirePrincipal())
            return TelemetryAnswer(answer.series, next: answer.next)
        }
        routes.get("api/v1/telemetry/latest") { request, context in
            let tags = try TelemetryParameters.tags(request.uri.queryParameters)
            return TelemetryAnswer(try await telemetry.latest(tags, by: context.requirePrincipal()), next: nil)
        }
    }
}
