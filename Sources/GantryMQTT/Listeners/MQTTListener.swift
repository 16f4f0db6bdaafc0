import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// A TCP listener that hands each accepted connection to the broker; runs until shutdown.
///
/// With `security`, every connection starts with a TLS handshake (MQTT over TLS on 8883 by
/// convention, or secure WebSocket); the broker sees the same packets either way.
///
/// Connections spread over the event loop group's loops (one per core), so routing, encoding
/// and decoding use every core while each connection stays on one loop.
public struct MQTTListener: Service {
    /// How MQTT packets travel on this listener's connections.
    public enum Transport: Sendable, Hashable {
        /// Plain TCP (port 1883 by convention).
        case tcp
        /// WebSocket with the `mqtt` subprotocol at `path`, for browsers (MQTT 5 §6).
        case webSocket(path: String)
    }

    public let broker: MQTTBroker
    public let host: String
    public let port: Int
    public let transport: Transport
    /// TLS on every connection, or `nil` for plain TCP.
    public let security: MQTTTransportSecurity?
    let group: any EventLoopGroup
    let onBound: @Sendable (SocketAddress) -> Void

    public init(
        broker: MQTTBroker, host: String, port: Int, transport: Transport = .tcp,
        security: MQTTTransportSecurity? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onBound: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) {
        self.broker = broker
        self.host = host
        self.port = port
        self.transport = transport
        self.security = security
        self.group = group
        self.onBound = onBound
    }

    /// Binds the port, serves until graceful shutdown, then closes the listening socket; open
    /// connections are closed so their sessions are detached (and their wills handled).
    public func run() async throws {
        let broker = self.broker
        let transport = self.transport
        let security = self.security
        let connections = ConnectionRegistry()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                connections.add(channel)
                var logger = broker.logger
                logger[metadataKey: "mqtt.remote"] = "\(channel.remoteAddress?.description ?? "?")"
                return channel.eventLoop.makeCompletedFuture {
                    let trustsCertificates = security?.verifiesClientCertificates ?? false
                    if let security {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: security.context))
                    }
                    switch transport {
                    case .tcp:
                        try channel.pipeline.syncOperations.addHandler(
                            MQTTConnectionHandler(
                                broker: broker, logger: logger, trustsClientCertificates: trustsCertificates))
                    case .webSocket(let path):
                        try Self.configureWebSocket(
                            channel, path: path, broker: broker, logger: logger,
                            trustsClientCertificates: trustsCertificates)
                    }
                }
            }
            .bind(host: host, port: port).get()
        if let address = channel.localAddress { onBound(address) }
        broker.logger.info(
            "MQTT listening",
            metadata: [
                "mqtt.address": "\(channel.localAddress?.description ?? "?")",
                "mqtt.tls": "\(security.map { "client certificates \($0.clientCertificates.rawValue)" } ?? "off")",
            ])
        // Serves until graceful shutdown or cancellation, whichever comes first.
        await withTaskCancellationOrGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onCancelOrGracefulShutdown: {
            channel.close(promise: nil)
        }
        await connections.closeAll()
    }
}

/// The open connections of a listener, so shutdown can close them.
final class ConnectionRegistry: Sendable {
    private let channels = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        channels.withLockedValue { $0[key] = channel }
        channel.closeFuture.whenComplete { [self] _ in _ = channels.withLockedValue { $0.removeValue(forKey: key) } }
    }

    func closeAll() async {
        let open = channels.withLockedValue { Array($0.values) }
        for channel in open { try? await channel.close() }
    }
}
