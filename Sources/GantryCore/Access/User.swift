import Foundation

/// A person (or script) who signs in to Gantry; what they may do comes from their grants.
public struct User: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let username: String
    public var grants: [Grant]
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: UUID, username: String, grants: [Grant], createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.username = username
        self.grants = User.distinct(grants)
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `grants` without repeats, ordered by path then role: the store keeps a set, so every answer shows
    /// the same list in the same order, whichever database sorted it.
    public static func distinct(_ grants: [Grant]) -> [Grant] {
        Set(grants).sorted { ($0.path, $0.role.rawValue) < ($1.path, $1.role.rawValue) }
    }

    /// What the user may do.
    public var rights: AccessRights { AccessRights(grants: grants) }

    /// Checks a username: 1–64 characters of letters, digits, `.`, `_`, `-` and `@`, so it is safe in logs
    /// and URLs.
    public static func validate(username: String) throws(PlantModelError) {
        let allowed = username.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"),
                UInt8(ascii: "@"):
                true
            default: false
            }
        }
        guard !username.isEmpty, username.utf8.count <= 64, allowed else {
            throw PlantModelError(
                .invalidName, "username '\(username)' must be 1-64 letters, digits, '.', '_', '-' or '@'")
        }
    }

    /// Checks a new password: at least 8 characters and at most 72 bytes, the most bcrypt reads.
    public static func validate(password: String) throws(PlantModelError) {
        guard password.count >= 8 else {
            throw PlantModelError(.invalidPassword, "password must have at least 8 characters")
        }
        guard password.utf8.count <= 72 else {
            throw PlantModelError(.invalidPassword, "password must be at most 72 bytes (bcrypt ignores the rest)")
        }
    }
}
