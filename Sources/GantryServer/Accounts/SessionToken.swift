import Foundation
import GantryCore
import JWTKit

/// The claims of a Gantry API token: who, until when, and which password generation it was issued under.
///
/// The generation ties a token to the password it was earned with: changing the password raises the
/// generation and every older token stops working at once.
struct SessionClaims: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var gen: Int64

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// Issues and checks signed API tokens (JWT, HS256) with the platform's signing key.
public struct SessionTokens: Sendable {
    private let keys: JWTKeyCollection
    /// How long a token is valid after sign-in.
    public let lifetimeSeconds: Int

    /// Tokens signed with `signingKey`, a secret shared by every node of the platform.
    public init(signingKey: String, lifetimeSeconds: Int) async {
        self.keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: signingKey), digestAlgorithm: .sha256)
        self.lifetimeSeconds = lifetimeSeconds
    }

    /// A new token for `account`, and when it expires.
    public func issue(for userID: UUID, generation: Int64, now: Timestamp = .now) async throws -> (String, Timestamp) {
        let expiry = now.adding(seconds: Int64(lifetimeSeconds))
        let claims = SessionClaims(
            sub: .init(value: userID.uuidString), exp: .init(value: expiry.date), iat: .init(value: now.date),
            gen: generation)
        return (try await keys.sign(claims), expiry)
    }

    /// The user and generation a valid, unexpired token names, or `nil` for any other token.
    public func verify(_ token: String) async -> (userID: UUID, generation: Int64)? {
        guard let claims = try? await keys.verify(token, as: SessionClaims.self),
            let id = UUID(uuidString: claims.sub.value)
        else { return nil }
        return (id, claims.gen)
    }
}
