import Foundation
import GantryStorage
import Logging

/// A store's accounts opened without the rest of the platform, for `gantry user …` beside a serving Gantry.
///
/// It opens only the metadata database, which takes writers from several processes. It never opens the
/// telemetry directory: one process owns that, and a second store there would replay and delete the
/// serving one's log.
public struct AccountAdministration: Sendable {
    public let accounts: Accounts
    /// The first admin's password when this open generated it; show it once.
    public let generatedAdminPassword: String?
    private let store: MetadataStore

    /// Creates the data directory, opens and migrates the metadata store, and makes sure an admin exists.
    public static func open(configuration: ServerConfiguration, logger: Logger) async throws -> AccountAdministration {
        let configuration = try configuration.validated()
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let location = try DatabaseLocation(url: configuration.databaseURL, dataDirectory: configuration.dataDirectory)
        let store = try await MetadataStore.open(location: location, logger: logger)
        do {
            let (accounts, generated) = try await Accounts.open(
                configuration, store: store, hasher: PasswordHasher(cost: configuration.bcryptCost), logger: logger)
            return AccountAdministration(accounts: accounts, generatedAdminPassword: generated, store: store)
        } catch {
            await store.shutdown()
            throw error
        }
    }

    public func close() async {
        await store.shutdown()
    }
}

extension Accounts {
    /// The accounts as `configuration` sets them up over `store`, with the first admin created on an empty
    /// store; returns that admin's password when it was generated.
    static func open(
        _ configuration: ServerConfiguration, store: MetadataStore, hasher: PasswordHasher, logger: Logger
    ) async throws -> (Accounts, generatedAdminPassword: String?) {
        let signingKey = try await store.secret(named: Accounts.signingKeyName) {
            SecretGenerator.make(byteCount: 32)
        }
        let accounts = try await Accounts(
            store: store, hasher: hasher,
            tokens: await SessionTokens(
                signingKey: signingKey, lifetimeSeconds: configuration.tokenLifetimeSeconds),
            throttle: LoginThrottle(
                maxFailures: configuration.loginMaxFailures, windowSeconds: configuration.loginWindowSeconds),
            logger: logger)
        return (accounts, try await accounts.bootstrapAdmin(password: configuration.adminPassword))
    }
}
