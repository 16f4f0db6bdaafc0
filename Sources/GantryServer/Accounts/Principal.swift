import GantryCore

/// The signed-in user behind a request, as the API sees them.
public struct Principal: Sendable {
    public let user: User

    /// What the user may do; the one place access is decided.
    public var rights: AccessRights { user.rights }
}
