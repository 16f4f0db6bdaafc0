import GantryCore
import Logging
import NIOCore

/// The I/O half of `ModbusClient`: writes the frames `ModbusTransactions` hands out, times each request, and
/// completes its promise with the answer. A violation (a stray transaction id, a frame that does not fit)
/// fails every outstanding request with it and closes the channel; so does a decoding error from
/// `ModbusFrameDecoder` before it.
///
/// Everything here runs on the channel's event loop.
final class ModbusClientHandler: ChannelInboundHandler {
    typealias InboundIn = ModbusFrame
    typealias OutboundOut = ByteBuffer

    private var transactions: ModbusTransactions<EventLoopPromise<ModbusAnswer>>
    private var timers: [UInt16: (sent: NIODeadline, timeout: Scheduled<Void>)] = [:]
    private var context: ChannelHandlerContext?
    private var closeError: ConnectorError?
    private let timeout: TimeAmount
    private let logger: Logger
    private let onClose: @Sendable (ConnectorError) -> Void

    init(
        maximumInFlight: Int, timeout: TimeAmount, logger: Logger,
        onClose: @escaping @Sendable (ConnectorError) -> Void = { _ in }
    ) {
        self.transactions = ModbusTransactions(maximumInFlight: maximumInFlight)
        self.timeout = timeout
        self.logger = logger
        self.onClose = onClose
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        failAll(closeError ?? ConnectorError(.unreachable, "the Modbus connection closed"))
    }

    /// Sends `request` to `unitID`, or queues it behind the requests in flight.
    func submit(_ request: ModbusRequest, unitID: UInt8, promise: EventLoopPromise<ModbusAnswer>) {
        guard let context, context.channel.isActive, closeError == nil else {
            promise.fail(closeError ?? ConnectorError(.unreachable, "the Modbus connection is closed"))
            return
        }
        switch transactions.submit(request, unitID: unitID, ticket: promise) {
        case .send(let frame): send([frame])
        case .queued: break
        case .refused(let error): promise.fail(error)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch transactions.receive(frame) {
        case .answered(let promise, let response, let next):
            let sent = timers.removeValue(forKey: frame.transactionID)
            sent?.timeout.cancel()
            let latency = sent.map { NIODeadline.now() - $0.sent } ?? .zero
            send(next)
            promise.succeed(
                ModbusAnswer(
                    response: response, receivedAt: Timestamp.now.millisecondsSinceEpoch,
                    latency: .nanoseconds(latency.nanoseconds)))
        case .ignored:
            logger.debug("dropped a late Modbus answer", metadata: ["modbus.transaction": "\(frame.transactionID)"])
        case .violation(let error):
            reset(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let error = closeError ?? ConnectorError(.unreachable, "the Modbus device closed the connection")
        closeError = error
        failAll(error)
        onClose(error)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        reset(error as? ConnectorError ?? ConnectorError(.unreachable, "Modbus connection error: \(error)"))
    }

    /// Fails everything outstanding with `error` and closes the connection: after a broken frame or a stray
    /// answer, no later byte can be trusted to belong where it seems to.
    func reset(_ error: ConnectorError) {
        guard closeError == nil else { return }
        closeError = error
        logger.info("resetting the Modbus connection", metadata: ["modbus.reason": "\(error.message)"])
        failAll(error)
        context?.close(promise: nil)
    }

    private func failAll(_ error: ConnectorError) {
        for (_, timer) in timers { timer.timeout.cancel() }
        timers = [:]
        for promise in transactions.close() { promise.fail(error) }
    }

    private func send(_ frames: [ModbusFrame]) {
        guard let context, !frames.isEmpty else { return }
        let loop = context.eventLoop.assumeIsolated()
        for frame in frames {
            var buffer = context.channel.allocator.buffer(
                capacity: ModbusFrame.headerSize + 1 + frame.pdu.readableBytes)
            frame.encode(into: &buffer)
            let id = frame.transactionID
            let timeout = loop.scheduleTask(in: self.timeout) { [self] in expire(id) }
            timers[id] = (NIODeadline.now(), timeout)
            context.write(wrapOutboundOut(buffer), promise: nil)
        }
        context.flush()
    }

    private func expire(_ id: UInt16) {
        timers[id] = nil
        guard let (pending, next) = transactions.timedOut(id) else { return }
        send(next)
        let (table, address) = pending.request.target
        let milliseconds = timeout.nanoseconds / 1_000_000
        pending.ticket.fail(
            ConnectorError(
                .timeout,
                "no answer to \(pending.request.functionCode) at \(table.shortName) \(address) from unit "
                    + "\(pending.unitID) within \(milliseconds) ms"))
    }
}
