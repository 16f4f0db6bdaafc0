import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An OPC UA client over one TCP connection (binary protocol, `opc.tcp`): a secure channel, one session, and
/// the services the platform needs — browse, read, write, call, subscribe.
///
/// One client is one connection: when it is lost every waiting call fails with a typed `ConnectorError` and a
/// new client must be connected (the supervised `OPCUAConnector` does that). Calls may run concurrently.
public final class OPCUAClient: Sendable {
    public let endpoint: OPCUAEndpoint
    public let configuration: OPCUAClientConfiguration
    let channel: any Channel
    let handler: NIOLoopBound<OPCUAClientHandler>
    let logger: Logger
    let status: ConnectorStatusBoard?
    /// The session's authentication token once CreateSession answered, quoted in every request header.
    let authenticationToken = Mutex(OPCUANodeId.null)
    private let requestHandles = Atomic<UInt32>(0)

    private init(
        endpoint: OPCUAEndpoint, configuration: OPCUAClientConfiguration, channel: any Channel,
        handler: NIOLoopBound<OPCUAClientHandler>, logger: Logger, status: ConnectorStatusBoard?
    ) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.channel = channel
        self.handler = handler
        self.logger = logger
        self.status = status
    }

    /// Connects to `endpoint` (`opc.tcp://host:port/path`), opens a secure channel, creates a session and
    /// activates it as `identity`.
    ///
    /// - Parameter status: when given, every service call counts in it (requests, errors, last latency).
    /// - Throws: `.invalidConfiguration` for a bad URL; `.unreachable` when TCP fails; `.refused` when the server
    ///   rejects the channel, the session or the identity (naming the status code); `.timeout`.
    public static func connect(
        endpoint: String, identity: OPCUAIdentity = .anonymous,
        configuration: OPCUAClientConfiguration = OPCUAClientConfiguration(), status: ConnectorStatusBoard? = nil,
        logger: Logger, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(ConnectorError) -> OPCUAClient {
        let endpoint = try OPCUAEndpoint(parsing: endpoint)
        let client = try await open(
            endpoint: endpoint, configuration: configuration, status: status, logger: logger, group: group)
        do throws(ConnectorError) {
            try await client.establishSession(identity: identity)
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    private static func open(
        endpoint: OPCUAEndpoint, configuration: OPCUAClientConfiguration, status: ConnectorStatusBoard?,
        logger: Logger, group: any EventLoopGroup
    ) async throws(ConnectorError) -> OPCUAClient {
        let machine = OPCUASecureChannelStateMachine(
            endpointURL: endpoint.url, limits: configuration.limits, policy: configuration.securityPolicy,
            requestedLifetime: UInt32(clamping: configuration.tokenLifetime.opcuaMilliseconds))
        let chunkSize = Int(configuration.limits.receiveBufferSize)
        let connectTimeout = configuration.connectTimeout
        do {
            let channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(.milliseconds(connectTimeout.opcuaMilliseconds))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = OPCUAClientHandler(
                            machine: machine, opened: channel.eventLoop.makePromise(), logger: logger)
                        try channel.pipeline.syncOperations.addHandlers(
                            ByteToMessageHandler(OPCUAFrameDecoder(maximumChunkSize: chunkSize)), handler)
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
            let handler = try await channel.eventLoop.flatSubmit {
                () -> EventLoopFuture<NIOLoopBound<OPCUAClientHandler>> in
                do {
                    let handler = try channel.pipeline.syncOperations.handler(type: OPCUAClientHandler.self)
                    let bound = NIOLoopBound(handler, eventLoop: channel.eventLoop)
                    let timeout = channel.eventLoop.scheduleTask(in: .milliseconds(connectTimeout.opcuaMilliseconds)) {
                        channel.pipeline.fireErrorCaught(
                            ConnectorError(
                                .timeout, "no OpenSecureChannel answer from \(endpoint) within \(connectTimeout)"))
                    }
                    return handler.openedFuture.map { bound }.always { _ in timeout.cancel() }
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }.get()
            return OPCUAClient(
                endpoint: endpoint, configuration: configuration, channel: channel, handler: handler, logger: logger,
                status: status)
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(.unreachable, "cannot connect to the OPC UA server \(endpoint): \(error)")
        }
    }

    /// Closes the session and the secure channel and waits for the socket to close. Never throws: a client that
    /// lost its connection is closed already.
    public func close() async {
        if channel.isActive {
            _ = try? await send(OPCUACloseSessionRequest(), timeout: .seconds(2))
        }
        let handler = self.handler
        channel.eventLoop.execute { handler.value.close() }
        try? await channel.closeFuture.get()
    }

    /// Completes when the connection has closed, for whatever reason.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    func nextRequestHandle() -> UInt32 {
        requestHandles.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
