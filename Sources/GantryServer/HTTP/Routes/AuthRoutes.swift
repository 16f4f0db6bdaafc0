import Hummingbird

/// `/api/v1/auth/login`: exchanges a user name and password for an API token.
struct AuthRoutes {
    let accounts: Accounts

    func add(to routes: RouteRegistrar) {
        routes.post("api/v1/auth/login") { request, context in
            let body = try await request.decode(as: LoginBody.self, context: context)
            let (token, expiresAt) = try await accounts.signIn(
                username: body.username, password: body.password, address: context.clientAddress)
            return LoginResponse(token: token, expiresAt: expiresAt)
        }
    }
}
