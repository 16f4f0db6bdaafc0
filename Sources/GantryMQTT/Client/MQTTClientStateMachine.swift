import NIOCore

/// The client side of one MQTT connection without I/O: packet identifiers, the in-flight window
/// of QoS 1/2 publishes, pending SUBSCRIBE/UNSUBSCRIBE, incoming QoS 2 and topic aliases.
///
/// `Ticket` is whatever the caller completes when an operation settles (a promise, a callback;
/// an integer in tests). Each method returns one `Step`: what to write and what settled. No
/// inbound packet needs more than one of each, so a step allocates nothing.
struct MQTTClientStateMachine<Ticket> {
    /// The outcome of an operation, for its ticket.
    enum Settlement {
        /// A publish is over: PUBACK's, PUBREC's (on failure) or PUBCOMP's reason code.
        case published(Ticket, ReasonCode)
        /// SUBACK or UNSUBACK: one code per filter (3.1.1 UNSUBACK carries none: all success).
        case answered(Ticket, [ReasonCode])
        case failed(Ticket, MQTTClientError)
    }

    /// What one event asks of the connection.
    struct Step {
        /// A packet to write (PUBACK, PUBREC, PUBREL, PUBCOMP, or a publish that got its slot).
        var write: Packet?
        /// A second packet: a queued publish that the settled one made room for.
        var next: PublishPacket?
        var settled: Settlement?
        /// A message for the application, topic alias resolved.
        var deliver: PublishPacket?
        /// The broker broke the protocol; close the connection with this explanation.
        var violation: String?
    }

    private enum Flight {
        case awaitingPuback(Ticket)
        case awaitingPubrec(Ticket)
        case awaitingPubcomp(Ticket)
        case subscribe(Ticket, count: Int)
        case unsubscribe(Ticket, count: Int)

        var ticket: Ticket {
            switch self {
            case .awaitingPuback(let t), .awaitingPubrec(let t), .awaitingPubcomp(let t): t
            case .subscribe(let t, _), .unsubscribe(let t, _): t
            }
        }
    }

    let version: ProtocolVersion
    /// Publishes waiting for a slot, at most this many.
    let maximumQueued: Int
    /// QoS 1/2 publishes unacknowledged at once: the configured bound, lowered by the broker's Receive Maximum.
    private(set) var window: Int
    /// Topic aliases this client allows the broker (MQTT 5 Topic Alias Maximum in CONNECT).
    let topicAliasMaximum: UInt16
    private var nextPacketID: UInt16 = 1
    private var flights: [UInt16: Flight] = [:]
    private var publishesInFlight = 0
    private var queue: CircularBuffer<(PublishPacket, Ticket)> = []
    private var awaitingRelease: Set<UInt16> = []
    private var inboundAliases: [UInt16: String] = [:]
    /// Whether the application acknowledges inbound QoS 1 messages itself (`acknowledge(_:reasonCode:)`),
    /// instead of PUBACK going out as the message is delivered.
    let acknowledgesManually: Bool
    /// Inbound QoS 1 messages the broker may have unacknowledged at once (our Receive Maximum).
    let receiveMaximum: Int
    /// With manual acknowledgement: inbound QoS 1 packet identifiers in arrival order, each with its
    /// reason code once the application gave it; PUBACKs leave from the front, so in arrival order.
    private var unacknowledged: CircularBuffer<(id: UInt16, code: ReasonCode?)> = []

    init(
        version: ProtocolVersion, maximumInFlight: Int, maximumQueued: Int, topicAliasMaximum: UInt16,
        acknowledgesManually: Bool = false, receiveMaximum: Int = 65_535
    ) {
        self.version = version
        self.window = max(1, min(maximumInFlight, 65_535))
        self.maximumQueued = maximumQueued
        self.topicAliasMaximum = topicAliasMaximum
        self.acknowledgesManually = acknowledgesManually
        self.receiveMaximum = receiveMaximum
    }

    /// Inbound QoS 1 messages delivered to the application and not yet acknowledged to the broker.
    var unacknowledgedCount: Int { unacknowledged.count }

    /// The application is done with inbound QoS 1 message `id` (manual acknowledgement): returns the
    /// PUBACKs now due. They leave in arrival order [MQTT-4.6.0-2], so an early finisher waits for the
    /// messages before it. An identifier not awaiting acknowledgement is ignored.
    mutating func acknowledge(_ id: UInt16, reasonCode: ReasonCode) -> [Packet] {
        guard let index = unacknowledged.firstIndex(where: { $0.id == id && $0.code == nil }) else { return [] }
        unacknowledged[index].code = reasonCode
        var due: [Packet] = []
        while let first = unacknowledged.first, let code = first.code {
            unacknowledged.removeFirst()
            due.append(
                .puback(PublishAcknowledgement(packetID: first.id, reasonCode: version == .v5 ? code : .success)))
        }
        return due
    }

    /// QoS 1/2 publishes awaiting their acknowledgement.
    var inFlightCount: Int { publishesInFlight }
    /// Publishes waiting for a slot in the window.
    var queuedCount: Int { queue.count }

    /// CONNACK accepted: the broker's Receive Maximum narrows the window [MQTT-3.3.4-7].
    mutating func connected(_ connack: ConnackPacket) {
        if let receiveMaximum = connack.properties.receiveMaximum { window = min(window, Int(receiveMaximum)) }
    }

    /// A publish from the application: QoS 0 goes out at once and settles; QoS 1/2 gets a packet
    /// identifier and goes out if the window has room, waits if not, fails if the queue is full.
    mutating func publish(_ packet: PublishPacket, ticket: Ticket) -> Step {
        var packet = packet
        packet.packetID = nil
        packet.duplicate = false
        guard packet.qos != .atMostOnce else {
            return Step(write: .publish(packet), settled: .published(ticket, .success))
        }
        guard publishesInFlight < window, queue.isEmpty else {
            guard queue.count < maximumQueued else {
                return Step(
                    settled: .failed(
                        ticket,
                        MQTTClientError(
                            .queueFull, "more than \(maximumQueued) publishes wait for the in-flight window")
                    ))
            }
            queue.append((packet, ticket))
            return Step()
        }
        return Step(write: .publish(launch(packet, ticket: ticket)))
    }

    /// SUBSCRIBE or UNSUBSCRIBE from the application: gets a packet identifier and goes out.
    mutating func request(_ packet: Packet, ticket: Ticket) -> Step {
        let id = allocatePacketID()
        switch packet {
        case .subscribe(var subscribe):
            subscribe.packetID = id
            flights[id] = .subscribe(ticket, count: subscribe.requests.count)
            return Step(write: .subscribe(subscribe))
        case .unsubscribe(var unsubscribe):
            unsubscribe.packetID = id
            flights[id] = .unsubscribe(ticket, count: unsubscribe.filters.count)
            return Step(write: .unsubscribe(unsubscribe))
        default:
            preconditionFailure("request(_:ticket:) takes SUBSCRIBE or UNSUBSCRIBE, not \(packet.type)")
        }
    }

    /// A packet from the broker after CONNACK.
    mutating func receive(_ packet: Packet) -> Step {
        switch packet {
        case .publish(let publish): return receivePublish(publish)
        case .puback(let ack):
            guard case .awaitingPuback(let ticket) = flights[ack.packetID] else { return Step() }
            return land(ack.packetID, .published(ticket, ack.reasonCode))
        case .pubrec(let ack):
            guard case .awaitingPubrec(let ticket) = flights[ack.packetID] else {
                // Not ours (any more): the broker must still be released [MQTT-4.3.3-11].
                return Step(
                    write: .pubrel(
                        PublishAcknowledgement(packetID: ack.packetID, reasonCode: .packetIdentifierNotFound)))
            }
            if ack.reasonCode.isFailure { return land(ack.packetID, .published(ticket, ack.reasonCode)) }
            flights[ack.packetID] = .awaitingPubcomp(ticket)
            return Step(write: .pubrel(PublishAcknowledgement(packetID: ack.packetID)))
        case .pubcomp(let ack):
            guard case .awaitingPubcomp(let ticket) = flights[ack.packetID] else { return Step() }
            return land(ack.packetID, .published(ticket, ack.reasonCode))
        case .pubrel(let ack):
            let known = awaitingRelease.remove(ack.packetID) != nil
            return Step(
                write: .pubcomp(
                    PublishAcknowledgement(
                        packetID: ack.packetID, reasonCode: known ? .success : .packetIdentifierNotFound)))
        case .suback(let ack):
            guard case .subscribe(let ticket, let count) = flights[ack.packetID] else {
                return Step(violation: "SUBACK for unknown packet identifier \(ack.packetID)")
            }
            guard ack.reasonCodes.count == count else {
                return Step(violation: "SUBACK with \(ack.reasonCodes.count) codes for \(count) filters [MQTT-3.8.4-6]")
            }
            flights[ack.packetID] = nil
            return Step(settled: .answered(ticket, ack.reasonCodes))
        case .unsuback(let ack):
            guard case .unsubscribe(let ticket, let count) = flights[ack.packetID] else {
                return Step(violation: "UNSUBACK for unknown packet identifier \(ack.packetID)")
            }
            flights[ack.packetID] = nil
            let codes = version == .v5 ? ack.reasonCodes : Array(repeating: .success, count: count)
            return Step(settled: .answered(ticket, codes))
        case .pingresp:
            return Step()
        case .connect, .connack, .subscribe, .unsubscribe, .pingreq, .disconnect, .auth:
            return Step(violation: "\(packet.type) is not sent by a broker after CONNACK")
        }
    }

    /// The connection is gone: every waiting ticket fails.
    mutating func close(_ error: MQTTClientError) -> [Ticket] {
        var tickets = flights.values.map(\.ticket)
        tickets.append(contentsOf: queue.map(\.1))
        flights = [:]
        queue = []
        publishesInFlight = 0
        unacknowledged = []
        return tickets
    }

    private mutating func receivePublish(_ publish: PublishPacket) -> Step {
        var publish = publish
        if let alias = publish.properties.topicAlias {
            guard alias > 0, alias <= topicAliasMaximum else {
                return Step(violation: "topic alias \(alias) outside 1…\(topicAliasMaximum) [MQTT-3.3.2-9]")
            }
            if publish.topic.isEmpty {
                guard let topic = inboundAliases[alias] else {
                    return Step(violation: "topic alias \(alias) was never set [MQTT-3.3.4]")
                }
                publish.topic = topic
            } else {
                inboundAliases[alias] = publish.topic
            }
        }
        switch (publish.qos, publish.packetID) {
        case (.atLeastOnce, let id?):
            guard acknowledgesManually else {
                return Step(write: .puback(PublishAcknowledgement(packetID: id)), deliver: publish)
            }
            guard unacknowledged.count < receiveMaximum else {
                return Step(violation: "more than \(receiveMaximum) unacknowledged QoS 1 messages [MQTT-3.3.4-9]")
            }
            unacknowledged.append((id, nil))
            return Step(deliver: publish)
        case (.exactlyOnce, let id?):
            // Delivered on the first PUBLISH; a resend before PUBREL is not delivered again (§4.3.3, method A).
            let isNew = awaitingRelease.insert(id).inserted
            return Step(write: .pubrec(PublishAcknowledgement(packetID: id)), deliver: isNew ? publish : nil)
        default:
            return Step(deliver: publish)
        }
    }

    /// Gives a publish its identifier and records it in flight.
    private mutating func launch(_ packet: PublishPacket, ticket: Ticket) -> PublishPacket {
        var packet = packet
        let id = allocatePacketID()
        packet.packetID = id
        flights[id] = packet.qos == .atLeastOnce ? .awaitingPuback(ticket) : .awaitingPubrec(ticket)
        publishesInFlight += 1
        return packet
    }

    /// Ends a publish flight and lets the next queued publish take the slot.
    private mutating func land(_ id: UInt16, _ settlement: Settlement) -> Step {
        flights[id] = nil
        publishesInFlight -= 1
        var step = Step(settled: settlement)
        if publishesInFlight < window, let (packet, ticket) = queue.popFirst() {
            step.next = launch(packet, ticket: ticket)
        }
        return step
    }

    /// The next identifier not in use; at most 65 535 flights exist, so one is always free.
    private mutating func allocatePacketID() -> UInt16 {
        while true {
            let id = nextPacketID
            nextPacketID = nextPacketID == .max ? 1 : nextPacketID + 1
            if flights[id] == nil { return id }
        }
    }
}
