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
        let path = request.uri.path
        // The console's pages read the session cookie themselves and send strangers to its sign-in form.
        if Self.publicPaths.contains(path) || path == "/" || path == "/console" || path.hasPrefix("/console/") {
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
            try Self.refuseCrossOrigin(request)
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

    /// A request carrying the session cookie must come from the console's own pages: one that changes
    /// something (or opens the live stream) from a page of another origin is refused, so that a page
    /// elsewhere cannot act with an operator's session. The cookie is SameSite=Strict as well; this holds
    /// even for a browser that ignores that.
    static func refuseCrossOrigin(_ request: Request) throws {
        guard request.method != .get || request.headers[.upgrade] != nil,
            let origin = request.headers[.origin], let host = request.head.authority
        else { return }
        let stripped = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
        guard stripped.map(String.init) == host else {
            throw AccountsError(.unauthenticated, "a request from \(origin) may not use the console's session")
        }
    }
}
