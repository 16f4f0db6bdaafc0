import Foundation
import GantryCore
import GantryStorage
import Logging

/// Users, their grants, sign-in and tokens.
public struct Accounts: Sendable {
    let store: MetadataStore
    let hasher: PasswordHasher
    let tokens: SessionTokens
    let throttle: LoginThrottle
    let logger: Logger
    /// A hash no password matches, checked when a user name is unknown so that a failed sign-in takes
    /// as long whether or not the name exists.
    private let decoyHash: String

    /// The name of the platform secret that signs API tokens.
    static let signingKeyName = "api-token-signing-key"

    public init(
        store: MetadataStore, hasher: PasswordHasher, tokens: SessionTokens, throttle: LoginThrottle, logger: Logger
    ) async throws {
        self.store = store
        self.hasher = hasher
        self.tokens = tokens
        self.throttle = throttle
        self.logger = logger
        self.decoyHash = try await hasher.hash(SecretGenerator.make())
    }

    /// Creates the first admin on an empty store, with `password` or a generated one.
    ///
    /// - Returns: the generated password, to be shown once; `nil` when the store already had users or
    ///   the password was given.
    public func bootstrapAdmin(password: String?) async throws -> String? {
        guard try await store.userCount() == 0 else { return nil }
        let chosen = password ?? SecretGenerator.make(byteCount: 15)
        try User.validate(password: chosen)
        let now = Timestamp.now
        let admin = User(
            id: UUID(), username: "admin", grants: [Grant(role: .admin, scope: .root)], createdAt: now, updatedAt: now)
        do {
            try await store.createUser(admin, passwordHash: try await hasher.hash(chosen))
        } catch let error as MetadataStoreError where error.code == .alreadyExists {
            return nil  // another node created it at the same moment
        }
        logger.info("created the first admin account", metadata: ["user.name": "admin"])
        return password == nil ? chosen : nil
    }

    /// Signs a user in and returns a token and its expiry.
    ///
    /// Failures are counted per user name and client address; past the limit the answer is `throttled`
    /// whatever the password, so guessing gains nothing.
    public func signIn(username: String, password: String, address: String?) async throws -> (String, Timestamp) {
        if let wait = await throttle.retryAfter(username: username, address: address) {
            logger.notice(
                "sign-in throttled", metadata: ["user.name": "\(username)", "client.address": "\(address ?? "-")"])
            throw AccountsError(.throttled, "too many failed sign-ins; try again in \(wait) s", retryAfterSeconds: wait)
        }
        let account = try await store.account(username: username)
        let matches = try await hasher.verify(password, against: account?.passwordHash ?? decoyHash)
        guard let account, matches else {
            await throttle.recordFailure(username: username, address: address)
            logger.notice(
                "sign-in failed", metadata: ["user.name": "\(username)", "client.address": "\(address ?? "-")"])
            throw AccountsError(.unauthenticated, "user name or password is wrong")
        }
        await throttle.recordSuccess(username: username)
        return try await tokens.issue(for: account.user.id, generation: account.tokenGeneration)
    }

    /// The user a bearer token belongs to, if the token is valid and the account still exists under the
    /// same password.
    public func principal(forToken token: String) async throws -> Principal {
        guard let (id, generation) = await tokens.verify(token) else {
            throw AccountsError(.unauthenticated, "the token is invalid or has expired; sign in again")
        }
        guard let account = try await store.account(id: id), account.tokenGeneration == generation else {
            throw AccountsError(.unauthenticated, "the token is no longer valid; sign in again")
        }
        return Principal(user: account.user)
    }
}
