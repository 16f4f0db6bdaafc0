import Foundation
import GantryCore

/// The signed-in user behind a request, as the API sees them.
public struct Principal: Sendable {
    public let user: User

    /// What the user may do; the one place access is decided.
    public var rights: AccessRights { user.rights }

    /// The platform acting on its own behalf, as admin on the whole platform: for setup that runs in the
    /// process before anyone signs in (`gantry demo` creating its plant), never for a request.
    ///
    /// The services still check its rights and validate every input, so in-process setup takes the same
    /// road as the API.
    public static let platform = Principal(
        user: User(
            id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), username: "gantry",
            grants: [Grant(role: .admin, scope: .root)], createdAt: Timestamp(millisecondsSinceEpoch: 0),
            updatedAt: Timestamp(millisecondsSinceEpoch: 0)))
}
