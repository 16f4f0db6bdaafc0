import GantryCore
import GantryServer
import GantrySimulator

extension DemoProvisioning {
    /// The demo operator's user name.
    public static let operatorUsername = "operator"

    /// The grants the demo operator needs: operator on every enterprise of the plant, so they can watch it,
    /// acknowledge its alarms and inject its faults, but not change the plant model.
    public var operatorGrants: [Grant] {
        plant.sites.map { Grant(role: .operator, scope: try! AssetPath($0.enterprise)) }
    }

    /// Creates the demo operator, or gives an existing one the demo's grants (keeping any others) and a
    /// password the demo can print: `password` when given, a fresh one otherwise, since the stored one is a
    /// hash nobody can show.
    func provisionOperator(
        password: String?, _ report: inout DemoProvisioningReport
    ) async throws -> DemoOperatorAccount {
        let chosen = password ?? SecretGenerator.make(byteCount: 12)
        let username = Self.operatorUsername
        if let existing = try await platform.store.account(username: username)?.user {
            let grants = User.distinct(existing.grants + operatorGrants)
            _ = try await platform.accounts.updateUser(
                id: existing.id, password: chosen, grants: grants, by: .platform)
        } else {
            _ = try await platform.accounts.createUser(username: username, password: chosen, grants: operatorGrants)
            report.operatorCreated = true
        }
        return DemoOperatorAccount(username: username, password: chosen, isGenerated: password == nil)
    }
}
