/// A signed-in user asked for something their grants do not cover.
///
/// The message names the role and path that were needed, so the user knows whom to ask; it never
/// lists what exists outside their subtrees.
public struct AccessDenied: Error, Hashable, Sendable, CustomStringConvertible {
    /// The role the action needed.
    public let required: Role
    /// The path the action was on (the root for platform-wide actions).
    public let path: AssetPath

    public init(required: Role, path: AssetPath) {
        self.required = required
        self.path = path
    }

    public var description: String {
        let place = path.isRoot ? "the whole platform" : "'\(path)'"
        return "this needs the \(required.rawValue) role on \(place)"
    }
}

extension AccessRights {
    /// Throws unless the user holds at least `role` on `path`.
    public func require(_ role: Role, on path: AssetPath) throws(AccessDenied) {
        guard allows(role, on: path) else { throw AccessDenied(required: role, path: path) }
    }

    /// Throws unless the user holds at least `role` somewhere; for platform reads such as metrics.
    public func requireAny(_ role: Role) throws(AccessDenied) {
        guard grants.contains(where: { $0.role >= role }) else { throw AccessDenied(required: role, path: .root) }
    }
}
