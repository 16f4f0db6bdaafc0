import Foundation
import GantryStorage
import Hummingbird
import Prometheus

/// `/health`, `/ready`, `/metrics` and the API document: what operators and their tools poll.
struct OperationsRoutes {
    let store: MetadataStore
    let metrics: PrometheusCollectorRegistry

    func add(to routes: RouteRegistrar) {
        routes.get("health") { _, _ in
            StatusResponse(status: "ok", database: nil)
        }
        routes.get("ready") { _, context in
            _ = try context.requirePrincipal()
            let kind = store.database.kind.rawValue
            guard await store.isReachable() else {
                throw APIError(
                    .serviceUnavailable, title: "Not ready", type: "not-ready",
                    detail: "the \(kind) metadata database does not answer")
            }
            return StatusResponse(status: "ready", database: kind)
        }
        routes.get("metrics") { _, context in
            try context.requirePrincipal().rights.requireAny(.viewer)
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        routes.get("api/v1/openapi.json") { _, context in
            _ = try context.requirePrincipal()
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(data: try OpenAPIDocument.data())))
        }
    }
}

/// The answer of `/health` and `/ready`.
struct StatusResponse: ResponseEncodable {
    let status: String
    let database: String?
}

/// The OpenAPI 3.1 document of the API, committed beside the code that serves it.
enum OpenAPIDocument {
    static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw APIError(
                .internalServerError, title: "Internal error", type: "internal", detail: "the API document is missing")
        }
        return try Data(contentsOf: url)
    }
}
