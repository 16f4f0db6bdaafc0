import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A Modbus TCP master over one connection: sends requests to unit ids behind `host:port`, several in flight
/// at once when the device allows it, each with its own timeout.
///
/// One client is one connection. When it closes — the device went away, or sent something that breaks the
/// protocol — every outstanding request fails with a `ConnectorError` and a new client must be connected;
/// `ModbusConnector` does that with a backoff.
public final class ModbusClient: Sendable {
    /// How the client talks to a device.
    public struct Options: Hashable, Sendable {
        /// How long a request waits for its answer.
        public var timeout: Duration
        /// Requests on the wire at once; 1 for devices (and serial gateways) that answer one at a time.
        public var maximumInFlight: Int
        /// How long the TCP connection may take.
        public var connectTimeout: Duration

        public init(timeout: Duration = .seconds(1), maximumInFlight: Int = 1, connectTimeout: Duration = .seconds(3)) {
            self.timeout = timeout
            self.maximumInFlight = maximumInFlight
            self.connectTimeout = connectTimeout
        }
    }

    public let host: String
    public let port: Int
    let channel: any Channel
    let handler: NIOLoopBound<ModbusClientHandler>
    private let reason: CloseReason

    private init(
        host: String, port: Int, channel: any Channel, handler: NIOLoopBound<ModbusClientHandler>, reason: CloseReason
    ) {
        self.host = host
        self.port = port
        self.channel = channel
        self.handler = handler
        self.reason = reason
    }

    /// Why the connection closed (the violation that reset it, or the device hanging up); `nil` while open.
    public var closeReason: ConnectorError? { reason.error.withLock { $0 } }

    /// Opens a connection to the device.
    ///
    /// - Throws: `ConnectorError(.unreachable)` naming the address and the socket's reason.
    public static func connect(
        host: String, port: Int, options: Options = Options(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) async throws(ConnectorError) -> ModbusClient {
        var logger = logger
        logger[metadataKey: "modbus.device"] = "\(host):\(port)"
        let timeout = TimeAmount.nanoseconds(Int64(options.timeout / .nanoseconds(1)))
        let reason = CloseReason()
        do {
            let channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(.nanoseconds(Int64(options.connectTimeout / .nanoseconds(1))))
                .channelInitializer { [logger] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ModbusFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(
                            ModbusClientHandler(
                                maximumInFlight: options.maximumInFlight, timeout: timeout, logger: logger,
                                onClose: { error in reason.error.withLock { $0 = $0 ?? error } }))
                    }
                }
                .connect(host: host, port: port).get()
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: ModbusClientHandler.self),
                    eventLoop: channel.eventLoop)
            }.get()
            return ModbusClient(host: host, port: port, channel: channel, handler: handler, reason: reason)
        } catch {
            throw ConnectorError(.unreachable, "cannot connect to Modbus device \(host):\(port): \(error)")
        }
    }

    /// Whether the connection is still open.
    public var isConnected: Bool { channel.isActive }

    /// Sends `request` to `unit` and returns its answer, exceptions included.
    ///
    /// - Throws: `ConnectorError` with `.timeout`, `.unreachable` (the connection closed), or
    ///   `.protocolViolation` (the answer broke the protocol; the connection was reset).
    public func send(_ request: ModbusRequest, unit: UInt8) async throws(ConnectorError) -> ModbusAnswer {
        do {
            return try await submit(request, unit: unit).get()
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(.unreachable, "Modbus request failed: \(error)")
        }
    }

    /// Sends `request` like `send(_:unit:)`, and throws `ConnectorError(.refused)` for an exception.
    public func perform(_ request: ModbusRequest, unit: UInt8) async throws(ConnectorError) -> ModbusAnswer {
        let answer = try await send(request, unit: unit)
        if case .exception(_, let code) = answer.response {
            throw ConnectorError.modbusException(code, answering: request, unit: unit)
        }
        return answer
    }

    /// Hands the request to the connection at once, so several can be in flight before the first is awaited.
    func submit(_ request: ModbusRequest, unit: UInt8) -> EventLoopFuture<ModbusAnswer> {
        let promise = channel.eventLoop.makePromise(of: ModbusAnswer.self)
        let handler = self.handler
        channel.eventLoop.execute { handler.value.submit(request, unitID: unit, promise: promise) }
        return promise.futureResult
    }

    /// Waits until the connection has closed, for whatever reason.
    public func closed() async {
        try? await channel.closeFuture.get()
    }

    /// Closes the connection; outstanding requests fail with `.unreachable`.
    public func close() async {
        try? await channel.close()
    }

    /// Gives up on the connection: fails what is outstanding with `error`, which becomes the `closeReason`, and
    /// closes it. For a link that is up but silent (a half-open TCP connection after a power loss).
    public func reset(_ error: ConnectorError) {
        let handler = self.handler
        channel.eventLoop.execute { handler.value.reset(error) }
    }

    /// Starts closing without waiting, for cancellation handlers.
    public func closeNow() {
        channel.close(promise: nil)
    }
}

/// The first error that closed a connection, set on its event loop and read from any task.
final class CloseReason: Sendable {
    let error = Mutex<ConnectorError?>(nil)
}
