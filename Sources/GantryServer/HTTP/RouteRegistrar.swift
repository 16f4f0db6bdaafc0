import Hummingbird

/// A set of API routes a module adds to the platform's router, such as the demo's simulator faults.
///
/// Handlers throw the platform's errors or ``APIError``; ``ProblemMiddleware`` turns them into problem documents.
public protocol APIRoutes: Sendable {
    /// Registers the routes on `routes`.
    func add(to routes: RouteRegistrar)
}

/// Adds routes to the router and remembers which methods each path answers, so that a known path asked
/// with another method gets 405 and an `Allow` header instead of a misleading 404.
public final class RouteRegistrar {
    let router: Router<GantryRequestContext>
    private var methods: [(pattern: [Substring], methods: [HTTPRequest.Method])] = []

    init(router: Router<GantryRequestContext>) {
        self.router = router
    }

    public func get<Output: ResponseGenerator>(
        _ path: String, _ handler: @escaping @Sendable (Request, GantryRequestContext) async throws -> Output
    ) {
        on(.get, path, handler)
    }

    public func post<Output: ResponseGenerator>(
        _ path: String, _ handler: @escaping @Sendable (Request, GantryRequestContext) async throws -> Output
    ) {
        on(.post, path, handler)
    }

    public func put<Output: ResponseGenerator>(
        _ path: String, _ handler: @escaping @Sendable (Request, GantryRequestContext) async throws -> Output
    ) {
        on(.put, path, handler)
    }

    public func patch<Output: ResponseGenerator>(
        _ path: String, _ handler: @escaping @Sendable (Request, GantryRequestContext) async throws -> Output
    ) {
        on(.patch, path, handler)
    }

    public func delete<Output: ResponseGenerator>(
        _ path: String, _ handler: @escaping @Sendable (Request, GantryRequestContext) async throws -> Output
    ) {
        on(.delete, path, handler)
    }

    private func on<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, GantryRequestContext) async throws -> Output
    ) {
        router.on(RouterPath(path), method: method, use: handler)
        let pattern = path.split(separator: "/")
        if let index = methods.firstIndex(where: { $0.pattern == pattern }) {
            methods[index].methods.append(method)
        } else {
            methods.append((pattern, [method]))
        }
    }

    /// The methods of every registered path, to hand to ``MethodNotAllowedMiddleware``.
    var allowedMethods: AllowedMethods {
        AllowedMethods(routes: methods.map { ($0.pattern.map(String.init), $0.methods) })
    }
}

/// Which methods each route path answers; `:name` segments match any segment.
struct AllowedMethods: Sendable {
    let routes: [(pattern: [String], methods: [HTTPRequest.Method])]

    /// The methods `path` answers, or `nil` when no route has that path.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        let route = routes.first { route in
            route.pattern.count == segments.count
                && zip(route.pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
        guard let route else { return nil }
        return route.methods.contains(.get) ? route.methods + [.head] : route.methods
    }
}

/// Answers 405 with `Allow` for a known path asked with a method it does not take.
///
/// Added after every route, so it wraps only the router's not-found answer.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = GantryRequestContext
    let allowed: AllowedMethods

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let methods = allowed.methods(for: request.uri.path) else { throw error }
            let list = methods.map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, title: "Method not allowed", type: "method-not-allowed",
                detail: "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(list)",
                headers: [.allow: list])
        }
    }
}
