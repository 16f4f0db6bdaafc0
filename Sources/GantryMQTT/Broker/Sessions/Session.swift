import NIOCore
import Synchronization

/// One client's session as the broker shares it between event loops: the state machine behind a
/// lock, plus the outbox that carries its packets to whichever connection it is attached to.
///
/// Publishers on any event loop deliver into a session directly (a lock, no task hop per
/// message); packets collect in the outbox and one task on the connection's event loop writes
/// them all and flushes once, so a burst costs one wake-up, not one per message.
final class Session: Sendable, Hashable {
    /// What the broker knows about the session beyond its flights.
    struct State: Sendable {
        var machine: SessionStateMachine
        var outlet: SessionOutlet?
        var outbox: [Packet] = []
        var flushScheduled = false
        /// Seconds the session outlives its connection; `UInt32.max` never expires.
        var expiryInterval: UInt32 = 0
        var version: ProtocolVersion = .v5
        /// Filters and options, kept to persist the session and to rebuild it after a restart.
        var subscriptions: [String: (SubscriptionOptions, UInt32?)] = [:]
    }

    let clientID: String
    let state: Mutex<State>

    init(clientID: String, queueLimit: Int) {
        self.clientID = clientID
        self.state = Mutex(State(machine: SessionStateMachine(clientID: clientID, queueLimit: queueLimit)))
    }

    static func == (lhs: Session, rhs: Session) -> Bool { lhs === rhs }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// Runs `body` on the state and sends whatever packets it returns to the attached connection.
    @discardableResult
    func update<Result>(_ body: (inout State) -> ([Packet], Result)) -> Result {
        let (result, flush): (Result, SessionOutlet?) = state.withLock { state in
            let (packets, result) = body(&state)
            guard !packets.isEmpty, let outlet = state.outlet else { return (result, nil) }
            state.outbox.append(contentsOf: packets)
            guard !state.flushScheduled else { return (result, nil) }
            state.flushScheduled = true
            return (result, outlet)
        }
        if let flush { flush.eventLoop.execute { self.drain(flush) } }
        return result
    }

    /// Delivers one routed message.
    func deliver(_ message: ApplicationMessage, _ delivery: Delivery, now: UInt64) {
        update { state in (state.machine.deliver(message, delivery, now: now), ()) }
    }

    /// Writes the outbox to the connection it was filled for, on that connection's event loop.
    private func drain(_ outlet: SessionOutlet) {
        let packets: [Packet] = state.withLock { state in
            state.flushScheduled = false
            guard state.outlet === outlet else { return [] }
            defer { state.outbox.removeAll(keepingCapacity: true) }
            return state.outbox
        }
        guard !packets.isEmpty else { return }
        outlet.write(packets)
    }
}

/// The connection end a session writes to: its event loop and a way to hand it packets there.
final class SessionOutlet: Sendable {
    let eventLoop: any EventLoop
    private let sink: @Sendable ([Packet]) -> Void
    private let closer: @Sendable (ReasonCode) -> Void

    init(
        eventLoop: any EventLoop, sink: @escaping @Sendable ([Packet]) -> Void,
        close: @escaping @Sendable (ReasonCode) -> Void
    ) {
        self.eventLoop = eventLoop
        self.sink = sink
        self.closer = close
    }

    /// Ends the connection with a reason (a DISCONNECT in MQTT 5); called on `eventLoop` only.
    func close(_ reason: ReasonCode) {
        eventLoop.preconditionInEventLoop()
        closer(reason)
    }

    /// Hands packets to the connection; called on `eventLoop` only.
    func write(_ packets: [Packet]) {
        eventLoop.preconditionInEventLoop()
        sink(packets)
    }
}
