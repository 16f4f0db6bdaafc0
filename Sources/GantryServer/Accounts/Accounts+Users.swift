import Foundation
import GantryCore
import GantryStorage

/// User management. The `…(by:)` operations serve the API and check the caller's rights; the others
/// serve the `gantry user` command, whose caller already holds the data directory.
extension Accounts {
    /// Creates a user; no rights are checked (the CLI's path).
    public func createUser(username: String, password: String, grants: [Grant]) async throws -> User {
        try User.validate(username: username)
        try User.validate(password: password)
        let now = Timestamp.now
        let user = User(id: UUID(), username: username, grants: grants, createdAt: now, updatedAt: now)
        try await store.createUser(user, passwordHash: try await hasher.hash(password))
        logger.info("user created", metadata: ["user.name": "\(username)"])
        return user
    }

    /// Sets a user's password; every token they hold stops working. No rights are checked (the CLI's path).
    public func setPassword(username: String, password: String) async throws -> User {
        try User.validate(password: password)
        guard var user = try await store.account(username: username)?.user else {
            throw MetadataStoreError(.notFound, "user '\(username)' does not exist")
        }
        user.updatedAt = .now
        return try await store.updateUser(user, passwordHash: try await hasher.hash(password))
    }

    /// Every user, for the CLI.
    public func allUsers() async throws -> [User] {
        try await store.users()
    }

    /// Creates a user on behalf of an admin, who may only hand out grants within their own admin subtrees.
    public func createUser(
        username: String, password: String, grants: [Grant], by principal: Principal
    ) async throws
        -> User
    {
        try requireManage(grants, by: principal)
        return try await createUser(username: username, password: password, grants: grants)
    }

    /// The users the caller may manage, one page at a time.
    public func users(limit: Int, offset: Int, by principal: Principal) async throws -> Page<User> {
        try principal.rights.requireAny(.admin)
        let visible = try await store.users().filter { principal.rights.mayManage(accountWith: $0.grants) }
        let query = ListQuery(limit: limit, offset: offset)
        return Page(
            items: Array(visible.dropFirst(query.offset).prefix(query.limit)), total: visible.count, limit: query.limit,
            offset: query.offset)
    }

    /// A user the caller may manage, or the caller themselves.
    public func user(id: UUID, by principal: Principal) async throws -> User {
        guard let user = try await store.account(id: id)?.user else {
            throw MetadataStoreError(.notFound, "user \(id) does not exist")
        }
        if user.id != principal.user.id {
            try requireManage(user.grants, by: principal)
        }
        return user
    }

    /// Changes a user's password and/or grants on behalf of an admin.
    public func updateUser(id: UUID, password: String?, grants: [Grant]?, by principal: Principal) async throws -> User
    {
        var user = try await user(id: id, by: principal)
        try requireManage(user.grants, by: principal)
        if let grants {
            try requireManage(grants, by: principal)
            try await requireAnotherPlatformAdmin(losing: user, newGrants: grants)
            user.grants = User.distinct(grants)
        }
        var passwordHash: String?
        if let password {
            try User.validate(password: password)
            passwordHash = try await hasher.hash(password)
        }
        user.updatedAt = .now
        return try await store.updateUser(user, passwordHash: passwordHash)
    }

    /// Removes a user on behalf of an admin; the last platform admin cannot be removed.
    public func deleteUser(id: UUID, by principal: Principal) async throws {
        let user = try await user(id: id, by: principal)
        try requireManage(user.grants, by: principal)
        try await requireAnotherPlatformAdmin(losing: user, newGrants: [])
        try await store.deleteUser(user)
        logger.info("user deleted", metadata: ["user.name": "\(user.username)"])
    }

    /// Changes the caller's own password after checking the current one.
    public func changeOwnPassword(current: String, new: String, by principal: Principal) async throws {
        guard let account = try await store.account(id: principal.user.id),
            try await hasher.verify(current, against: account.passwordHash)
        else {
            throw AccountsError(.wrongCurrentPassword, "the current password is wrong")
        }
        _ = try await setPassword(username: account.user.username, password: new)
    }

    private func requireManage(_ grants: [Grant], by principal: Principal) throws(AccessDenied) {
        guard principal.rights.mayManage(accountWith: grants) else {
            let scope = grants.first(where: { !principal.rights.mayAssign($0) })?.scope ?? .root
            throw AccessDenied(required: .admin, path: scope)
        }
    }

    /// Refuses a change that would leave the platform without an admin on `*`: someone must always be
    /// able to manage every tenant.
    private func requireAnotherPlatformAdmin(losing user: User, newGrants: [Grant]) async throws {
        let platformAdmin = Grant(role: .admin, scope: .root)
        guard user.grants.contains(platformAdmin), !newGrants.contains(platformAdmin) else { return }
        let others = try await store.users().filter { $0.id != user.id && $0.grants.contains(platformAdmin) }
        guard !others.isEmpty else {
            throw MetadataStoreError(
                .hasDependents, "'\(user.username)' is the last platform admin; make another user admin on '*' first")
        }
    }
}
