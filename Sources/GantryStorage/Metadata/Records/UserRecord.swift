import Foundation
import GantryCore

/// A `users` row as stored, with its password hash and token generation.
struct UserRecord: Decodable {
    let id: String
    let username: String
    let passwordHash: String
    let tokenGeneration: Int64
    let createdAt: Int64
    let updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, username
        case passwordHash = "password_hash"
        case tokenGeneration = "token_generation"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static let columns = "id, username, password_hash, token_generation, created_at, updated_at"

    func account(grants: [Grant]) throws(MetadataStoreError) -> UserAccount {
        guard let id = UUID(uuidString: id) else {
            throw MetadataStoreError(.unavailable, "user row '\(username)' is damaged")
        }
        let user = User(
            id: id, username: username, grants: grants, createdAt: Timestamp(millisecondsSinceEpoch: createdAt),
            updatedAt: Timestamp(millisecondsSinceEpoch: updatedAt))
        return UserAccount(user: user, passwordHash: passwordHash, tokenGeneration: tokenGeneration)
    }
}

/// A `user_grants` row as stored.
struct GrantRecord: Decodable {
    let userId: String
    let role: String
    let scope: String

    enum CodingKeys: String, CodingKey {
        case role, scope
        case userId = "user_id"
    }

    func grant() throws(MetadataStoreError) -> Grant {
        do {
            return try Grant(role: role, path: scope)
        } catch {
            throw MetadataStoreError(.unavailable, "a grant row of user \(userId) is damaged", cause: error)
        }
    }
}

/// A user together with what only sign-in needs: the password hash and the token generation.
///
/// Raising the generation (on a password change) invalidates every token issued before.
public struct UserAccount: Sendable {
    public let user: User
    public let passwordHash: String
    public let tokenGeneration: Int64
}
