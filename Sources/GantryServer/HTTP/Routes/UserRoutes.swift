import Hummingbird

/// `/api/v1/users` and `/api/v1/me`: accounts and their grants.
struct UserRoutes {
    let accounts: Accounts

    func add(to group: RouterGroup<GantryRequestContext>) {
        group.get("me") { _, context in
            try context.requirePrincipal().user
        }
        group.post("me/password") { request, context in
            let body = try await request.decode(as: PasswordChangeBody.self, context: context)
            try await accounts.changeOwnPassword(
                current: body.currentPassword, new: body.newPassword, by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
        group.get("users") { request, context in
            let list = try ListParameters(request)
            return ListResponse(
                try await accounts.users(limit: list.limit, offset: list.offset, by: context.requirePrincipal()))
        }
        group.post("users") { request, context in
            let body = try await request.decode(as: UserCreateBody.self, context: context)
            let user = try await accounts.createUser(
                username: body.username, password: body.password, grants: body.grants, by: context.requirePrincipal())
            return Created(user, location: "/api/v1/users/\(user.id)")
        }
        group.get("users/:id") { _, context in
            try await accounts.user(id: context.parameters.uuid("id"), by: context.requirePrincipal())
        }
        group.patch("users/:id") { request, context in
            let body = try await request.decode(as: UserUpdateBody.self, context: context)
            return try await accounts.updateUser(
                id: context.parameters.uuid("id"), password: body.password, grants: body.grants,
                by: context.requirePrincipal())
        }
        group.delete("users/:id") { _, context in
            try await accounts.deleteUser(id: context.parameters.uuid("id"), by: context.requirePrincipal())
            return HTTPResponse.Status.noContent
        }
    }
}
