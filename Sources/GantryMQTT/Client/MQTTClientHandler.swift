import NIOCore

/// What completes when a client operation settles; always on the connection's event loop.
enum MQTTClientTicket {
    case publish(EventLoopPromise<ReasonCode>)
    case callback(@Sendable (Result<ReasonCode, MQTTClientError>) -> Void)
    case request(EventLoopPromise<[ReasonCode]>)
    case disconnect(EventLoopPromise<Void>)

    func fail(_ error: MQTTClientError) {
        switch self {
        case .publish(let promise): promise.fail(error)
        case .callback(let callback): callback(.failure(error))
        case .request(let promise): promise.fail(error)
        case .disconnect(let promise): promise.succeed()
        }
    }
}

/// Where inbound messages go: a plain callback (PUBACK is written as the message is delivered), or
/// one whose future says when to acknowledge (manual acknowledgement; `nil` acknowledges at once).
enum MQTTClientDelivery: Sendable {
    case plain(@Sendable (PublishPacket) -> Void)
    case acknowledging(@Sendable (PublishPacket) -> EventLoopFuture<Void>?)
}

/// The I/O half of `MQTTClient`: sends CONNECT, decodes what the broker sends, carries out the
/// state machine's steps, and pings when the connection has been quiet for half the keep-alive.
///
/// Everything here runs on the channel's event loop.
final class MQTTClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    private enum Phase { case connecting, connected, closed }

    let configuration: MQTTClientConfiguration
    private var machine: MQTTClientStateMachine<MQTTClientTicket>
    private var phase = Phase.connecting
    private let connected: EventLoopPromise<ConnackPacket>
    private let delivery: MQTTClientDelivery
    private let onClose: () -> Void
    private var context: ChannelHandlerContext?
    private var cumulation: ByteBuffer?
    private var keepAliveTask: RepeatedTask?
    private var connectTimeout: Scheduled<Void>?
    private var wroteSinceTick = false
    /// Keep-alive ticks since an unanswered PINGREQ; `nil` when none is outstanding.
    private var ticksSincePing: Int?
    private var needsFlush = false
    private var closeError: MQTTClientError?

    init(
        configuration: MQTTClientConfiguration, connected: EventLoopPromise<ConnackPacket>,
        delivery: MQTTClientDelivery, onClose: @escaping () -> Void
    ) {
        self.configuration = configuration
        self.connected = connected
        self.delivery = delivery
        self.onClose = onClose
        let manual = if case .acknowledging = delivery { true } else { false }
        self.machine = MQTTClientStateMachine(
            version: configuration.version, maximumInFlight: configuration.maximumInFlight,
            maximumQueued: configuration.maximumQueued, topicAliasMaximum: configuration.topicAliasMaximum ?? 0,
            acknowledgesManually: manual, receiveMaximum: Int(configuration.receiveMaximum ?? 65_535))
    }

    /// Completes with the CONNACK once the broker accepted the connection.
    var connectedFuture: EventLoopFuture<ConnackPacket> { connected.futureResult }

    /// QoS 1/2 publishes awaiting acknowledgement, and publishes waiting for a slot.
    var pending: (inFlight: Int, queued: Int) { (machine.inFlightCount, machine.queuedCount) }

    /// Inbound QoS 1 messages delivered and not yet acknowledged (manual acknowledgement).
    var unacknowledged: Int { machine.unacknowledgedCount }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        // A channel that never became active (TCP refused: no broker there yet) gets no channelInactive.
        connectTimeout?.cancel()
        connected.fail(closeError ?? MQTTClientError(.connectionClosed, "the connection closed before CONNACK"))
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    private func start(context: ChannelHandlerContext) {
        guard connectTimeout == nil else { return }
        let timeout = configuration.connectTimeout
        connectTimeout = context.eventLoop.assumeIsolated().scheduleTask(
            in: .nanoseconds(Int64(timeout / .nanoseconds(1)))
        ) { [self] in
            guard phase == .connecting else { return }
            fail(MQTTClientError(.timeout, "no CONNACK within \(timeout)"))
        }
        write(.connect(configuration.connectPacket))
        flushIfNeeded()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if cumulation == nil {
            cumulation = bytes
        } else {
            cumulation!.writeBuffer(&bytes)
        }
        while var buffer = cumulation, buffer.readableBytes > 0, phase != .closed {
            let packet: Packet?
            do {
                packet = try Packet.decode(
                    from: &buffer, version: configuration.version, maximumPacketSize: configuration.maximumPacketSize)
            } catch {
                cumulation = nil
                fail(MQTTClientError(.protocolViolation, "the broker sent an invalid packet: \(error)"))
                return
            }
            guard let packet else {
                if buffer.readerIndex > 65_536 { buffer.discardReadBytes() }
                cumulation = buffer
                break
            }
            cumulation = buffer.readableBytes == 0 ? nil : buffer
            receive(packet)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let error = closeError ?? MQTTClientError(.connectionClosed, "the broker closed the connection")
        phase = .closed
        keepAliveTask?.cancel()
        connectTimeout?.cancel()
        connected.fail(error)  // ignored once CONNACK succeeded it
        for ticket in machine.close(error) { ticket.fail(error) }
        onClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(MQTTClientError(.connectionClosed, "connection error: \(error)"))
    }

    // MARK: operations, called on the event loop by MQTTClient

    /// Sends one publish (or queues it for the window); `flush: false` lets a batch flush once.
    func publish(_ packet: PublishPacket, ticket: MQTTClientTicket, flush: Bool = true) {
        guard phase == .connected else {
            ticket.fail(MQTTClientError(.connectionClosed, "publish on a closed connection"))
            return
        }
        carryOut(machine.publish(packet, ticket: ticket))
        if flush { flushIfNeeded() }
    }

    /// Sends SUBSCRIBE or UNSUBSCRIBE.
    func request(_ packet: Packet, promise: EventLoopPromise<[ReasonCode]>) {
        guard phase == .connected else {
            promise.fail(MQTTClientError(.connectionClosed, "\(packet.type) on a closed connection"))
            return
        }
        carryOut(machine.request(packet, ticket: .request(promise)))
        flushIfNeeded()
    }

    /// Sends DISCONNECT and closes; pending operations fail with `.connectionClosed`.
    func disconnect(_ packet: DisconnectPacket, promise: EventLoopPromise<Void>) {
        guard phase == .connected, let context else {
            promise.succeed()
            return
        }
        write(.disconnect(packet))
        closeError = MQTTClientError(.connectionClosed, "the client disconnected")
        phase = .closed
        flushIfNeeded()
        context.close(promise: nil)
        context.channel.closeFuture.whenComplete { _ in promise.succeed() }
    }

    /// Writes what is pending; for a batch of `publish(_:ticket:flush:)` calls.
    func flushIfNeeded() {
        guard needsFlush, let context else { return }
        needsFlush = false
        context.flush()
    }

    // MARK: inbound

    private func receive(_ packet: Packet) {
        guard phase == .connecting else {
            carryOut(machine.receive(packet))
            if case .pingresp = packet { ticksSincePing = nil }
            return
        }
        guard case .connack(let connack) = packet else {
            fail(MQTTClientError(.protocolViolation, "the broker answered CONNECT with \(packet.type), not CONNACK"))
            return
        }
        connectTimeout?.cancel()
        guard !connack.reasonCode.isFailure else {
            let reason = connack.properties.reasonString.map { ": \($0)" } ?? ""
            fail(
                MQTTClientError(
                    .connectionRefused, "the broker refused the connection\(reason)", reasonCode: connack.reasonCode))
            return
        }
        machine.connected(connack)
        phase = .connected
        startKeepAlive(seconds: connack.properties.serverKeepAlive ?? configuration.keepAlive)
        connected.succeed(connack)
    }

    private func carryOut(_ step: MQTTClientStateMachine<MQTTClientTicket>.Step) {
        if let packet = step.write { write(packet) }
        if let next = step.next { write(.publish(next)) }
        if let deliver = step.deliver { hand(deliver) }
        if let settled = step.settled {
            switch settled {
            case .published(.publish(let promise), let code): promise.succeed(code)
            case .published(.callback(let callback), let code): callback(.success(code))
            case .published(let ticket, _): ticket.fail(MQTTClientError(.protocolViolation, "unexpected ticket"))
            case .answered(.request(let promise), let codes): promise.succeed(codes)
            case .answered(let ticket, _): ticket.fail(MQTTClientError(.protocolViolation, "unexpected ticket"))
            case .failed(let ticket, let error): ticket.fail(error)
            }
        }
        if let violation = step.violation { fail(MQTTClientError(.protocolViolation, violation)) }
    }

    /// Gives a message to the application; with manual acknowledgement, its PUBACK waits for the
    /// application's future (a failure acknowledges with an `MQTTPublishRejection`'s reason code).
    private func hand(_ message: PublishPacket) {
        switch delivery {
        case .plain(let onMessage):
            onMessage(message)
        case .acknowledging(let onMessage):
            let handled = onMessage(message)
            guard message.qos == .atLeastOnce, let id = message.packetID else { return }
            guard let handled, let context else {
                acknowledge(id, reasonCode: .success, flush: false)  // channelReadComplete flushes
                return
            }
            handled.hop(to: context.eventLoop).assumeIsolated().whenComplete { [self] result in
                switch result {
                case .success: acknowledge(id, reasonCode: .success)
                case .failure(let error):
                    acknowledge(id, reasonCode: (error as? MQTTPublishRejection)?.reasonCode ?? .unspecifiedError)
                }
            }
        }
    }

    /// Writes the PUBACKs that acknowledging message `id` makes due; nothing once the connection is closed.
    private func acknowledge(_ id: UInt16, reasonCode: ReasonCode, flush: Bool = true) {
        guard phase == .connected else { return }
        for packet in machine.acknowledge(id, reasonCode: reasonCode) { write(packet) }
        if flush { flushIfNeeded() }
    }

    // MARK: connection upkeep

    private func startKeepAlive(seconds: UInt16) {
        guard seconds > 0, let context else { return }
        let tick = TimeAmount.milliseconds(Int64(seconds) * 500)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        keepAliveTask = context.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            bound.value.keepAliveTick()
        }
    }

    /// Every half keep-alive: ping if nothing was sent since the last tick; give up when a ping
    /// has gone a whole keep-alive without PINGRESP.
    private func keepAliveTick() {
        guard phase == .connected else { return }
        if let ticks = ticksSincePing {
            guard ticks < 1 else {
                fail(MQTTClientError(.timeout, "no PINGRESP within the keep-alive"))
                return
            }
            ticksSincePing = ticks + 1
        } else if !wroteSinceTick {
            write(.pingreq)
            flushIfNeeded()
            ticksSincePing = 0
        }
        wroteSinceTick = false
    }

    private func write(_ packet: Packet) {
        guard let context else { return }
        context.write(
            wrapOutboundOut(packet.encoded(version: configuration.version, allocator: context.channel.allocator)),
            promise: nil)
        wroteSinceTick = true
        needsFlush = true
    }

    /// Closes the connection for `error`; pending operations fail with it.
    private func fail(_ error: MQTTClientError) {
        guard phase != .closed else { return }
        closeError = error
        phase = .closed
        if let context {
            flushIfNeeded()
            context.close(promise: nil)
        }
    }
}
