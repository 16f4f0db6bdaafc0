import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// What Gantry knows about a request while it is handled: who sent it (once authenticated), from where,
/// and how large a body it may carry.
public struct GantryRequestContext: RequestContext, RemoteAddressRequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The handler of a WebSocket route (`/api/v1/live`), handed from the router to the upgrade.
    public let webSocket = WebSocketHandlerReference<GantryRequestContext>()
    /// The signed-in user, set by ``AuthenticationMiddleware`` on every route that needs one.
    public var principal: Principal?
    /// The client's address, for sign-in throttling and logs.
    public let remoteAddress: SocketAddress?
    /// The largest body a request may carry; set from configuration by ``BodyLimitMiddleware``.
    public var maxUploadSize: Int = 1 << 20

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var requestDecoder: GantryRequestDecoder { GantryRequestDecoder() }

    /// JSON without escaped slashes, so asset paths read as they are written (`site/area`, not `site\/area`).
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// The signed-in user; throws 401 on a route the authentication middleware did not cover.
    public func requirePrincipal() throws -> Principal {
        guard let principal else {
            throw AccountsError(.unauthenticated, "this route needs a bearer token; sign in at /api/v1/auth/login")
        }
        return principal
    }

    /// The client's IP address without the port, for throttling by address.
    public var clientAddress: String? { remoteAddress?.ipAddress }
}
