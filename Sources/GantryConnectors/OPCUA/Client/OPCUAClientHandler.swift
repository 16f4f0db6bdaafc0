import Logging
import NIOCore

/// The I/O half of `OPCUAClient`: sends Hello, feeds every chunk to the secure channel state machine and
/// carries out its actions, keeps the calls waiting for answers with their time limits, and renews the
/// security token when the machine says so.
///
/// Everything here runs on the channel's event loop. Bad input from the server never crashes: the machine
/// turns it into `.close`, the handler logs it, fails every waiting call with the typed error and closes.
final class OPCUAClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct Call {
        let promise: EventLoopPromise<ByteBuffer>
        let timeout: Scheduled<Void>?
    }

    private var machine: OPCUASecureChannelStateMachine
    private let logger: Logger
    private let opened: EventLoopPromise<Void>
    private var calls: [UInt32: Call] = [:]
    private var context: ChannelHandlerContext?
    private var renewal: Scheduled<Void>?
    private var closeError: ConnectorError?

    init(machine: OPCUASecureChannelStateMachine, opened: EventLoopPromise<Void>, logger: Logger) {
        self.machine = machine
        self.opened = opened
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { context.writeAndFlush(wrapOutboundOut(machine.start()), promise: nil) }
    }

    /// The pipeline is torn down (also when TCP never connected, which fires no `channelInactive`): nothing
    /// may keep waiting, and the context must not outlive it.
    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        failAll(closeError ?? ConnectorError(.unreachable, "the OPC UA connection to \(machine.endpointURL) closed"))
    }

    func channelActive(context: ChannelHandlerContext) {
        if machine.state == .idle { context.writeAndFlush(wrapOutboundOut(machine.start()), promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        perform(machine.received(unwrapInboundIn(data), now: .now()), context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure =
            error as? ConnectorError ?? ConnectorError(.unreachable, "the OPC UA connection failed: \(error)")
        reset(failure, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        machine.connectionClosed()
        renewal?.cancel()
        let error =
            closeError ?? ConnectorError(.unreachable, "the OPC UA server \(machine.endpointURL) closed the connection")
        failAll(error)
        context.fireChannelInactive()
    }

    /// Sends a service request body; `promise` gets the response body, or a typed error after `timeout`.
    func send(_ body: ByteBuffer, timeout: Duration, promise: EventLoopPromise<ByteBuffer>) {
        guard let context else { return promise.fail(ConnectorError(.unreachable, "the OPC UA client is closed")) }
        if let closeError { return promise.fail(closeError) }
        do {
            let (requestId, chunks) = try machine.sendRequest(body)
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            let timer = context.eventLoop.scheduleTask(in: .milliseconds(timeout.opcuaMilliseconds)) {
                bound.value.expire(requestId, after: timeout)
            }
            calls[requestId] = Call(promise: promise, timeout: timer)
            for chunk in chunks { context.write(wrapOutboundOut(chunk), promise: nil) }
            context.flush()
        } catch {
            promise.fail(error)
        }
    }

    /// Gives up on the call whose answer `future` waits for (its task was cancelled).
    func cancel(_ future: EventLoopFuture<ByteBuffer>) {
        guard let entry = calls.first(where: { $0.value.promise.futureResult == future }) else { return }
        let (requestId, call) = (entry.key, entry.value)
        calls[requestId] = nil
        machine.abandon(requestId)
        call.timeout?.cancel()
        call.promise.fail(ConnectorError(.cancelled, "the OPC UA call was cancelled"))
    }

    /// Sends CloseSecureChannel and closes the socket.
    func close() {
        guard let context, context.channel.isActive else { return }
        closeError = closeError ?? ConnectorError(.cancelled, "the OPC UA client was closed")
        for chunk in machine.close(now: .now()) { context.write(wrapOutboundOut(chunk), promise: nil) }
        context.flush()
        context.close(promise: nil)
    }

    private func expire(_ requestId: UInt32, after timeout: Duration) {
        guard let call = calls.removeValue(forKey: requestId) else { return }
        machine.abandon(requestId)
        call.promise.fail(
            ConnectorError(.timeout, "the OPC UA server \(machine.endpointURL) did not answer within \(timeout)"))
    }

    private func perform(_ action: OPCUASecureChannelStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .send(let chunks):
            for chunk in chunks { context.write(wrapOutboundOut(chunk), promise: nil) }
            context.flush()
        case .opened(let renewAfter):
            scheduleRenewal(after: renewAfter, context: context)
            opened.succeed()
        case .renewed(let renewAfter):
            logger.debug("OPC UA security token renewed", metadata: ["opcua.endpoint": "\(machine.endpointURL)"])
            scheduleRenewal(after: renewAfter, context: context)
        case .response(let requestId, let body):
            guard let call = calls.removeValue(forKey: requestId) else { return }
            call.timeout?.cancel()
            call.promise.succeed(body)
        case .requestFailed(let requestId, let error):
            guard let call = calls.removeValue(forKey: requestId) else { return }
            call.timeout?.cancel()
            call.promise.fail(error)
        case .close(let error):
            reset(error, context: context)
        }
    }

    private func scheduleRenewal(after delay: Duration, context: ChannelHandlerContext) {
        renewal?.cancel()
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        renewal = context.eventLoop.scheduleTask(in: .milliseconds(max(1, delay.opcuaMilliseconds))) {
            let handler = bound.value
            guard let context = handler.context else { return }
            handler.perform(handler.machine.renew(now: .now()), context: context)
        }
    }

    /// Drops the connection after bad input or a server error: one log line, the error to every waiting call.
    private func reset(_ error: ConnectorError, context: ChannelHandlerContext) {
        guard closeError == nil else { return }
        closeError = error
        logger.warning(
            "OPC UA connection reset",
            metadata: ["opcua.endpoint": "\(machine.endpointURL)", "opcua.error": "\(error.message)"])
        machine.connectionClosed()
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: ConnectorError) {
        renewal?.cancel()
        renewal = nil
        opened.fail(error)
        let waiting = calls
        calls = [:]
        for call in waiting.values {
            call.timeout?.cancel()
            call.promise.fail(error)
        }
    }
}

extension OPCUAClientHandler {
    /// Completes once the secure channel is open.
    var openedFuture: EventLoopFuture<Void> { opened.futureResult }
}
