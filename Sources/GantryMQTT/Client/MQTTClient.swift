import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// An MQTT 3.1.1/5.0 client over one TCP connection: publish, subscribe, receive.
///
/// Used by the benchmark's load generator, by tests, and to reach an external broker. One
/// client is one connection: when it closes, pending operations fail with `.connectionClosed`
/// and a new client must be connected. Inbound messages arrive on `messages`, or, when
/// `connect` was given a callback, on the connection's event loop with no task hop (the
/// benchmark's hot path); PUBACK, PUBREC and PUBCOMP are sent automatically either way, unless
/// `connect(…acknowledgeAfter:)` leaves PUBACK to the application (to acknowledge only what is durable).
public final class MQTTClient: Sendable {
    public let configuration: MQTTClientConfiguration
    /// The broker's CONNACK: session present, and in MQTT 5 its limits and assigned identifier.
    public let connack: ConnackPacket
    /// Messages from the broker's subscriptions, in arrival order; ends when the connection closes.
    /// Empty (finished at once) when `connect` was given a message callback.
    public let messages: AsyncStream<PublishPacket>
    let channel: any Channel
    let handler: NIOLoopBound<MQTTClientHandler>
    private let dropped: DroppedCounter

    /// The event loop the connection lives on; callbacks run here.
    public var eventLoop: any EventLoop { channel.eventLoop }
    /// Completes when the connection has closed, for whatever reason.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }
    /// Inbound messages dropped because the `messages` stream's buffer was full.
    public var droppedMessages: Int { dropped.count.load(ordering: .relaxed) }

    private init(
        configuration: MQTTClientConfiguration, connack: ConnackPacket, messages: AsyncStream<PublishPacket>,
        channel: any Channel, handler: NIOLoopBound<MQTTClientHandler>, dropped: DroppedCounter
    ) {
        self.configuration = configuration
        self.connack = connack
        self.messages = messages
        self.channel = channel
        self.handler = handler
        self.dropped = dropped
    }

    /// Connects to `host:port`, sends CONNECT and returns once the broker accepted it.
    ///
    /// - Parameter onMessage: when given, every inbound message is handed to it on the
    ///   connection's event loop instead of to `messages`; it must not block.
    /// - Throws: `MQTTClientError` with `.connectionRefused` (and the CONNACK reason code),
    ///   `.timeout`, or `.connectionClosed`; or the socket's or TLS library's error when TCP or the
    ///   handshake fails.
    public static func connect(
        host: String = "127.0.0.1", port: Int, configuration: MQTTClientConfiguration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onMessage: (@Sendable (PublishPacket) -> Void)? = nil
    ) async throws -> MQTTClient {
        let (stream, continuation) = AsyncStream.makeStream(
            of: PublishPacket.self, bufferingPolicy: .bufferingOldest(configuration.messageBufferLimit))
        let counter = DroppedCounter()
        let deliver: @Sendable (PublishPacket) -> Void
        if let onMessage {
            continuation.finish()
            deliver = onMessage
        } else {
            deliver = { message in
                if case .dropped = continuation.yield(message) { counter.count.add(1, ordering: .relaxed) }
            }
        }
        return try await connect(
            host: host, port: port, configuration: configuration, group: group, messages: stream,
            onClose: { continuation.finish() }, dropped: counter, delivery: .plain(deliver))
    }

    /// Connects like `connect(host:port:configuration:group:onMessage:)`, but leaves each inbound
    /// QoS 1 message's PUBACK to `acknowledgeAfter`: the PUBACK goes out when the future it returns
    /// completes (`nil`: at once), so the broker redelivers what was not dealt with before a crash.
    ///
    /// A failed future still acknowledges, with the reason code of an `MQTTPublishRejection` (else
    /// 0x80), so a message that can never be taken is not redelivered forever. PUBACKs leave in
    /// arrival order [MQTT-4.6.0-2]; set `receiveMaximum` to bound how many messages wait at once.
    /// QoS 2 messages are acknowledged (PUBREC) on delivery, as in automatic mode.
    public static func connect(
        host: String = "127.0.0.1", port: Int, configuration: MQTTClientConfiguration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        acknowledgeAfter handle: @escaping @Sendable (PublishPacket) -> EventLoopFuture<Void>?
    ) async throws -> MQTTClient {
        let (stream, continuation) = AsyncStream.makeStream(of: PublishPacket.self)
        continuation.finish()
        return try await connect(
            host: host, port: port, configuration: configuration, group: group, messages: stream, onClose: {},
            dropped: DroppedCounter(), delivery: .acknowledging(handle))
    }

    private static func connect(
        host: String, port: Int, configuration: MQTTClientConfiguration, group: any EventLoopGroup,
        messages stream: AsyncStream<PublishPacket>, onClose: @escaping @Sendable () -> Void,
        dropped counter: DroppedCounter, delivery: MQTTClientDelivery
    ) async throws -> MQTTClient {
        let tls = try configuration.tls.map { try NIOSSLContext(configuration: $0) }
        // SNI carries names only; for an address, the certificate is checked against the address.
        let isAddress = (try? SocketAddress(ipAddress: host, port: port)) != nil
        let serverHostname = configuration.tlsServerHostname ?? (isAddress ? nil : host)
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout / .nanoseconds(1))))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    let handler = MQTTClientHandler(
                        configuration: configuration, connected: channel.eventLoop.makePromise(),
                        delivery: delivery, onClose: onClose)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: host, port: port).get()
        let (handler, connack) = try await channel.eventLoop.flatSubmit {
            do {
                let handler = try channel.pipeline.syncOperations.handler(type: MQTTClientHandler.self)
                let bound = NIOLoopBound(handler, eventLoop: channel.eventLoop)
                return handler.connectedFuture.map { (bound, $0) }
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }.get()
        return MQTTClient(
            configuration: configuration, connack: connack, messages: stream, channel: channel, handler: handler,
            dropped: counter)
    }

    /// Runs `body` with the handler on the connection's event loop, hopping there if needed.
    @inline(__always)
    func onLoop(_ body: @escaping @Sendable (MQTTClientHandler) -> Void) {
        if channel.eventLoop.inEventLoop {
            body(handler.value)
        } else {
            let handler = self.handler
            channel.eventLoop.execute { body(handler.value) }
        }
    }
}

/// Inbound messages the stream had no room for.
final class DroppedCounter: Sendable {
    let count = Atomic<Int>(0)
}
