import Logging
import NIOCore

extension MQTTBroker {
    /// What the broker decided for a CONNECT it accepted.
    struct Attachment {
        let session: Session
        let sessionPresent: Bool
        /// The connection that held the session before, to be told 0x8E and closed.
        let takenOver: SessionOutlet?
    }

    /// Finds or creates the client's session and attaches it to a new connection (§3.1.4):
    /// a clean start discards the old session; otherwise in-flight and queued messages follow.
    /// A will waiting for its delay is cancelled when the session is resumed [MQTT-3.1.3-9], and
    /// published now when a clean start ends the session it waited in (§3.1.3.2.2, as mosquitto
    /// does); a pending session expiry is cancelled.
    func attach(
        clientID: String, cleanStart: Bool, expiryInterval: UInt32, link: SessionStateMachine.Link,
        outlet: SessionOutlet
    ) -> Attachment {
        let now = self.now
        changes.wrappingAdd(1, ordering: .relaxed)
        let (session, present, previous, endedWill) = registry.withLock { registry in
            let pending = registry.pendingWills.removeValue(forKey: clientID)
            pending?.task.cancel()
            registry.expiries.removeValue(forKey: clientID)?.task.cancel()
            let existing = registry.sessions[clientID]
            let previous = existing?.state.withLock { $0.outlet }
            if let existing, cleanStart {
                registry.subscriptions.removeAll(subscriber: existing)
                registry.sessions[clientID] = nil
            }
            if let existing = registry.sessions[clientID] {
                return (existing, true, previous, nil as PendingWill?)
            }
            let session = Session(clientID: clientID, queueLimit: configuration.sessionQueueLimit)
            registry.sessions[clientID] = session
            return (session, false, previous, cleanStart ? pending : nil)
        }
        if let endedWill { publishWill(endedWill.will, client: endedWill.client) }
        if let previous { previous.eventLoop.execute { previous.close(.sessionTakenOver) } }
        session.update { state in
            state.expiryInterval = expiryInterval
            state.version = link.version
            state.outlet = outlet
            state.outbox.removeAll()
            return (state.machine.attach(link, now: now), ())
        }
        return Attachment(session: session, sessionPresent: present, takenOver: previous)
    }

    /// Detaches a closed connection: its will goes out now or after its delay, and the session
    /// ends now or when its expiry interval has passed [MQTT-3.1.2-23].
    func detach(_ session: Session, outlet: SessionOutlet, will: ConnectPacket.Will?, client: MQTTClientIdentity) {
        changes.wrappingAdd(1, ordering: .relaxed)
        let expiry: UInt32? = session.state.withLock { state in
            guard state.outlet === outlet else { return nil }  // already taken over by a newer connection
            state.outlet = nil
            state.outbox.removeAll()
            state.machine.detach()
            return state.expiryInterval
        }
        let current = registry.withLock { $0.sessions[session.clientID] === session }
        guard let expiry, current else {
            // Taken over by a newer connection [MQTT-3.1.4-3]: one with Clean Start 1 discarded this
            // session, which so ends now, will and all; one that resumed it cuts a will delay short
            // [MQTT-3.1.2-8] (§3.1.3.2.2: the will is sent "unless the new connection specifies Clean
            // Start of 0 and the Will Delay is greater than zero").
            if let will, !current || (will.properties.willDelayInterval ?? 0) == 0 {
                publishWill(will, client: client)
            }
            return
        }
        let clientID = session.clientID
        let willDelay = will?.properties.willDelayInterval ?? 0
        if let will {
            if willDelay == 0 || expiry == 0 {
                publishWill(will, client: client)
            } else {
                let seconds = min(willDelay, expiry)
                let task = timerLoop.scheduleTask(in: .seconds(Int64(seconds))) { [self] in
                    let due = registry.withLock { $0.pendingWills.removeValue(forKey: clientID) != nil }
                    if due { publishWill(will, client: client) }
                }
                registry.withLock { $0.pendingWills[clientID] = PendingWill(task: task, will: will, client: client) }
            }
        }
        if expiry == 0 {
            end(session)
        } else if expiry != .max {
            scheduleExpiry(of: session, inMilliseconds: Int64(expiry) * 1000)
        }
    }

    /// Ends the offline session after `milliseconds` unless a connection takes it up before.
    func scheduleExpiry(of session: Session, inMilliseconds milliseconds: Int64) {
        let clientID = session.clientID
        let deadline = now + UInt64(max(0, milliseconds))
        let task = timerLoop.scheduleTask(in: .milliseconds(max(0, milliseconds))) { [self] in
            let due = registry.withLock { $0.expiries.removeValue(forKey: clientID) != nil }
            if due { end(session) }
        }
        registry.withLock { $0.expiries[clientID] = (task, deadline) }
    }

    /// Ends a session: its subscriptions go, and it is forgotten unless a new connection took it.
    func end(_ session: Session) {
        registry.withLock { registry in
            guard registry.sessions[session.clientID] === session, !session.state.withLock({ $0.machine.isOnline })
            else { return }
            registry.subscriptions.removeAll(subscriber: session)
            registry.sessions[session.clientID] = nil
        }
    }

    /// Adds or replaces one subscription; returns whether it is new, for Retain Handling 1.
    func subscribe(_ session: Session, filter: TopicFilter, options: SubscriptionOptions, identifier: UInt32?) -> Bool {
        changes.wrappingAdd(1, ordering: .relaxed)
        let isNew = registry.withLock { registry in
            registry.subscriptions.subscribe(filter, subscriber: session, options: options, identifier: identifier)
        }
        session.state.withLock { $0.subscriptions[filter.text] = (options, identifier) }
        return isNew
    }

    /// Sends the retained messages matching a new subscription (§3.3.1.3): RETAIN set, at the
    /// lower of their QoS and the granted QoS; never for shared subscriptions (§4.8.2).
    func sendRetained(to session: Session, filter: TopicFilter, options: SubscriptionOptions, identifier: UInt32?) {
        let messages = registry.withLock { $0.retained.matching(filter) }
        let now = self.now
        for message in messages where !message.hasExpired(at: now) {
            session.deliver(
                message,
                Delivery(
                    qos: min(message.qos, options.qos), retain: true,
                    subscriptionIdentifiers: identifier.map { [$0] } ?? []),
                now: now)
        }
    }

    /// Removes one subscription; returns whether it existed.
    func unsubscribe(_ session: Session, filter: TopicFilter) -> Bool {
        changes.wrappingAdd(1, ordering: .relaxed)
        let existed = registry.withLock { registry in
            let existed = registry.subscriptions.unsubscribe(filter, subscriber: session)
            return existed
        }
        session.state.withLock { $0.subscriptions[filter.text] = nil }
        return existed
    }
}
