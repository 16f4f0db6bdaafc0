import Hummingbird

/// Resolves the bearer token of every request (from the Authorization header, or the console's session
/// cookie) into a ``Principal``, and refuses requests without a valid one, except on the few public paths.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = GantryRequestContext
    let accounts: Accounts

    /// The cookie that carries the same token for the console (HttpOnly, SameSite=Strict).
    static let sessionCookie = "gantry_session"

    /// Paths reachable without a token: liveness and sign-in itself.
    static let publicPaths: Set<String> = ["/health", "/api/v1/auth/login"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        if Self.publicPaths.contains(request.uri.path) {
            return try await next(request, context)
        }
        let token: String
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw AccountsError(.unauthenticated, "the Authorization header must be 'Bearer <token>'")
            }
            token = String(parts[1])
        } else if let cookie = request.cookies[Self.sessionCookie], !cookie.value.isEmpty {
            // The console's pages and its WebSocket: a browser cannot set headers on a WebSocket.
            token = cookie.value
        } else {
            throw AccountsError(.unauthenticated, "this route needs a bearer token; sign in at /api/v1/auth/login")
        }
        var context = context
        let principal = try await accounts.principal(forToken: token)
        context.principal = principal
        context.logger[metadataKey: "user.name"] = "\(principal.user.username)"
        return try await next(request, context)
    }
}
