import Hummingbird

/// `/api/v1/users` and `/api/v1/me`: accounts and their grants.
struct UserRoutes {
    let accounts: Accounts

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/me") { _, context in
            try context.requirePrincipal().user
        }
        routes.post("api/v1/me/password") { request, context in
            let body = try await request.decode(as: PasswordChangeBody.self, context: context)
            try await accounts.changeOwnPassword(
                current: body.currentPassword, new: body.newPassword, by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
        routes.get("api/v1/users") { request, context in
            let list = try ListParameters(request)
            return ListResponse(
                try await accounts.users(limit: list.limit, offset: list.offset, by: context.requirePrincipal()))
        }
        routes.post("api/v1/users") { request, context in
            let body = try await request.decode(as: UserCreateBody.self, context: context)
            let user = try await accounts.createUser(
                username: body.username, password: body.password, grants: body.grants, by: context.requirePrincipal())
            return Located.created(user, location: "/api/v1/users/\(user.id)")
        }
        routes.get("api/v1/users/:id") { _, context in
            try await accounts.user(id: context.parameters.uuid("id"), by: context.requirePrincipal())
        }
        routes.patch("api/v1/users/:id") { request, context in
            let body = try await request.decode(as: UserUpdateBody.self, context: context)
            return try await accounts.updateUser(
                id: context.parameters.uuid("id"), password: body.password, grants: body.grants,
                by: context.requirePrincipal())
        }
        routes.delete("api/v1/users/:id") { _, context in
            try await accounts.deleteUser(id: context.parameters.uuid("id"), by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
    }
}
