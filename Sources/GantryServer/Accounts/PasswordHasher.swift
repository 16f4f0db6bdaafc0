import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords and device secrets with bcrypt, off the request threads.
///
/// bcrypt is slow on purpose (a quarter second at cost 12); running it on NIO's blocking pool keeps
/// a burst of sign-ins from stalling every other request.
public struct PasswordHasher: Sendable {
    /// The bcrypt work factor.
    public let cost: Int

    public init(cost: Int) {
        self.cost = cost
    }

    /// The bcrypt hash of `secret`.
    public func hash(_ secret: String) async throws -> String {
        let cost = UInt8(cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(secret, cost: cost) }
    }

    /// Whether `secret` matches `hash`.
    public func verify(_ secret: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(secret, hash: hash) }
    }
}
