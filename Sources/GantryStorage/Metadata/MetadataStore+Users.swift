import Foundation
import GantryCore
import SQLKit

extension MetadataStore {
    /// Creates a user with their grants, in one transaction.
    public func createUser(_ user: User, passwordHash: String) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            let taken = try await sql.raw("SELECT id FROM users WHERE username = \(bind: user.username)").first()
            guard taken == nil else {
                throw MetadataStoreError(.alreadyExists, "user '\(user.username)' already exists")
            }
            try await sql.raw(
                """
                INSERT INTO users (id, username, password_hash, token_generation, created_at, updated_at)
                VALUES (\(bind: user.id.uuidString), \(bind: user.username), \(bind: passwordHash), 1,
                        \(bind: user.createdAt.millisecondsSinceEpoch), \(bind: user.updatedAt.millisecondsSinceEpoch))
                """
            ).run()
            try await Self.replaceGrants(of: user, in: sql)
        }
    }

    private static func replaceGrants(of user: User, in sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM user_grants WHERE user_id = \(bind: user.id.uuidString)").run()
        for grant in Set(user.grants) {
            try await sql.raw(
                """
                INSERT INTO user_grants (user_id, role, scope)
                VALUES (\(bind: user.id.uuidString), \(bind: grant.role.rawValue), \(bind: grant.path))
                """
            ).run()
        }
    }

    /// The account with `id`, if it exists.
    public func account(id: UUID) async throws(MetadataStoreError) -> UserAccount? {
        try await database.read { sql in
            guard
                let record = try await sql.raw(
                    "SELECT \(unsafeRaw: UserRecord.columns) FROM users WHERE id = \(bind: id.uuidString)"
                ).first(decoding: UserRecord.self)
            else { return nil }
            return try await Self.account(record, in: sql)
        }
    }

    /// The account that signs in as `username`, if it exists.
    public func account(username: String) async throws(MetadataStoreError) -> UserAccount? {
        try await database.read { sql in
            guard
                let record = try await sql.raw(
                    "SELECT \(unsafeRaw: UserRecord.columns) FROM users WHERE username = \(bind: username)"
                ).first(decoding: UserRecord.self)
            else { return nil }
            return try await Self.account(record, in: sql)
        }
    }

    private static func account(_ record: UserRecord, in sql: any SQLDatabase) async throws -> UserAccount {
        let grants = try await sql.raw(
            "SELECT user_id, role, scope FROM user_grants WHERE user_id = \(bind: record.id) ORDER BY scope, role"
        ).all(decoding: GrantRecord.self)
        return try record.account(grants: grants.map { grant throws(MetadataStoreError) in try grant.grant() })
    }

    /// Every user, in username order. Accounts are few (people, not devices), so callers filter in memory.
    public func users() async throws(MetadataStoreError) -> [User] {
        try await database.read { sql in
            let records = try await sql.raw("SELECT \(unsafeRaw: UserRecord.columns) FROM users ORDER BY username")
                .all(decoding: UserRecord.self)
            let grants = try await sql.raw("SELECT user_id, role, scope FROM user_grants ORDER BY scope, role")
                .all(decoding: GrantRecord.self)
            let byUser = Dictionary(grouping: grants, by: \.userId)
            return try records.map { record throws(MetadataStoreError) in
                try record.account(
                    grants: (byUser[record.id] ?? []).map { grant throws(MetadataStoreError) in try grant.grant() }
                ).user
            }
        }
    }

    /// How many users exist; an empty store gets its first admin at start.
    public func userCount() async throws(MetadataStoreError) -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS count FROM users").first(decoding: CountRecord.self)?.count ?? 0
        }
    }

    /// Replaces a user's grants and, when `passwordHash` is given, their password; a new password
    /// raises the token generation so that every token issued before stops working.
    public func updateUser(_ user: User, passwordHash: String? = nil) async throws(MetadataStoreError) -> User {
        try await database.transaction { sql in
            let existing = try await sql.raw("SELECT id FROM users WHERE id = \(bind: user.id.uuidString)").first()
            guard existing != nil else {
                throw MetadataStoreError(.notFound, "user '\(user.username)' does not exist")
            }
            try await sql.raw(
                """
                UPDATE users SET updated_at = \(bind: user.updatedAt.millisecondsSinceEpoch)
                WHERE id = \(bind: user.id.uuidString)
                """
            ).run()
            if let passwordHash {
                try await sql.raw(
                    """
                    UPDATE users SET password_hash = \(bind: passwordHash), token_generation = token_generation + 1
                    WHERE id = \(bind: user.id.uuidString)
                    """
                ).run()
            }
            try await Self.replaceGrants(of: user, in: sql)
            return user
        }
    }

    /// Removes a user and their grants; their tokens stop working at once.
    public func deleteUser(_ user: User) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM user_grants WHERE user_id = \(bind: user.id.uuidString)").run()
            try await sql.raw("DELETE FROM users WHERE id = \(bind: user.id.uuidString)").run()
        }
    }
}
