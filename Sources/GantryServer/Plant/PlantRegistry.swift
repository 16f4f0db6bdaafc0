import GantryCore
import GantryStorage
import Logging

/// The plant model as the API offers it: assets, tags, devices and equipment types, each operation
/// checked against the caller's rights before the store is touched.
///
/// Which role each operation needs is decided here and nowhere else: viewers read, engineers change
/// the model within their subtrees, platform admins create enterprises and equipment types.
public struct PlantRegistry: Sendable {
    let store: MetadataStore
    let hasher: PasswordHasher
    let logger: Logger

    public init(store: MetadataStore, hasher: PasswordHasher, logger: Logger) {
        self.store = store
        self.hasher = hasher
        self.logger = logger
    }

    /// The role needed to change the asset at `path`: enterprises are tenants, so only a platform admin
    /// creates or removes one; anything below needs an engineer of that subtree.
    func requireChange(of path: AssetPath, by principal: Principal) throws(AccessDenied) {
        if path.depth == 1 {
            try principal.rights.require(.admin, on: .root)
        } else {
            try principal.rights.require(.engineer, on: path)
        }
    }

    /// The query a list runs for `principal`: their viewer subtrees, narrowed to `prefix`.
    ///
    /// A prefix that shares nothing with the caller's subtrees is refused rather than answered with an
    /// empty list, so a typo and a forbidden tenant are told apart.
    func listQuery(
        prefix: AssetPath?, limit: Int, offset: Int, by principal: Principal
    ) throws(AccessDenied)
        -> ListQuery
    {
        let scopes = principal.rights.scopes(for: .viewer)
        if let prefix, !scopes.contains(where: { prefix.isWithin($0) || $0.isWithin(prefix) }) {
            throw AccessDenied(required: .viewer, path: prefix)
        }
        if prefix == nil && scopes.isEmpty {
            throw AccessDenied(required: .viewer, path: .root)
        }
        return ListQuery(prefix: prefix, visibleScopes: scopes, limit: limit, offset: offset)
    }
}
