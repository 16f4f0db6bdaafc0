/// Everything a signed-in user may do, derived from their grants; the single place Gantry decides
/// whether an action on a path is allowed.
///
/// Every service asks this type, never the grants directly, so the rule "a role on a subtree, each role
/// including those below it" is written once.
public struct AccessRights: Hashable, Sendable {
    public let grants: [Grant]

    public init(grants: [Grant]) {
        self.grants = grants
    }

    /// Whether the user holds at least `role` on `path`.
    public func allows(_ role: Role, on path: AssetPath) -> Bool {
        grants.contains { $0.role >= role && path.isWithin($0.scope) }
    }

    /// The subtrees in which the user holds at least `role`, with nested ones folded into their ancestor.
    ///
    /// Lists are filtered to these scopes in the query itself, so paging stays correct.
    public func scopes(for role: Role) -> [AssetPath] {
        let candidates = grants.filter { $0.role >= role }.map(\.scope).sorted()
        var result: [AssetPath] = []
        for scope in candidates where !result.contains(where: { scope.isWithin($0) }) {
            result.append(scope)
        }
        return result
    }

    /// Whether the user may hand out `grant` to someone else: only an admin, and only within their own
    /// admin subtrees, so no one can grant more than they hold.
    public func mayAssign(_ grant: Grant) -> Bool {
        allows(.admin, on: grant.scope)
    }

    /// Whether the user may manage an account holding `grants`: every one of them must lie within the
    /// user's admin subtrees (a platform admin manages everyone).
    public func mayManage(accountWith grants: [Grant]) -> Bool {
        if allows(.admin, on: .root) { return true }
        return !grants.isEmpty && grants.allSatisfy(mayAssign)
    }
}
