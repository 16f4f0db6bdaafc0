import NIOCore

/// The broker side of one MQTT session (§4.1): outgoing QoS 1/2 flights, the offline queue and
/// incoming QoS 2 identifiers, without I/O.
///
/// The session outlives its connections when the client asked for a session expiry: then
/// messages queue while it is away and in-flight messages are sent again on reconnect
/// [MQTT-4.4.0-1]. Every method takes the broker clock (`now`, milliseconds) so tests drive
/// time by hand; the returned packets are for the connection to write in order.
struct SessionStateMachine: Sendable {
    /// The limits of the connection the session is attached to, from the client's CONNECT.
    struct Link: Sendable {
        var version: ProtocolVersion
        /// How many QoS 1/2 deliveries may await acknowledgement at once [MQTT-3.3.4-7].
        var receiveMaximum: Int
        /// The largest packet the client accepts; larger deliveries are dropped [MQTT-3.1.2-25].
        var maximumPacketSize: Int
    }

    /// A delivery the client has not fully acknowledged yet.
    struct Flight: Sendable {
        enum Stage: Sendable { case awaitingPuback, awaitingPubrec, awaitingPubcomp }
        var message: ApplicationMessage
        var delivery: Delivery
        var stage: Stage
    }

    /// Why a message was not delivered, for the broker's counters.
    enum Drop: Sendable, Equatable { case queueFull, expired, tooLarge, offlineQoS0 }

    let clientID: String
    /// Bound on the queue of deliveries waiting for the window or for the client to return.
    let queueLimit: Int
    private(set) var link: Link?
    private var nextPacketID: UInt16 = 1
    /// In flight, by packet identifier, with their sending order kept for resends.
    private var flights: [UInt16: Flight] = [:]
    private var flightOrder: CircularBuffer<UInt16> = []
    private var queue: CircularBuffer<(ApplicationMessage, Delivery)> = []
    /// Flights from an earlier connection not yet resent on this one: its Receive Maximum held them back.
    private var pendingResends: CircularBuffer<UInt16> = []
    /// Incoming QoS 2 identifiers answered with PUBREC and not yet released (method B, §4.3.3).
    private(set) var awaitingRelease: Set<UInt16> = []
    private(set) var drops: [Drop] = []

    init(clientID: String, queueLimit: Int) {
        self.clientID = clientID
        self.queueLimit = queueLimit
    }

    var isOnline: Bool { link != nil }
    var inFlightCount: Int { flights.count }
    var queuedCount: Int { queue.count }

    /// Attaches a connection: in-flight deliveries are sent again in their order (PUBLISH with DUP,
    /// or PUBREL) [MQTT-4.4.0-1], then the queue is drained into the window.
    ///
    /// The new connection's limits hold for resends too: no more PUBLISH packets than its Receive
    /// Maximum at once [MQTT-3.3.4-9] (the rest follow as acknowledgements come), and one larger than
    /// its Maximum Packet Size is discarded as if delivered [MQTT-3.1.2-25].
    mutating func attach(_ link: Link, now: UInt64) -> [Packet] {
        self.link = link
        pendingResends = []
        var packets: [Packet] = []
        var occupied = 0
        for id in flightOrder {
            guard let flight = flights[id] else { continue }
            if flight.stage == .awaitingPubcomp {
                packets.append(.pubrel(PublishAcknowledgement(packetID: id)))
                occupied += 1
            } else if pendingResends.isEmpty, occupied < link.receiveMaximum {
                if resend(id, flight, now: now, into: &packets) { occupied += 1 }
            } else {
                pendingResends.append(id)
            }
        }
        drainQueue(now: now, into: &packets)
        return packets
    }

    /// Sends one flight again with DUP set [MQTT-3.3.1-1]; false if it was too large for the
    /// connection and so discarded.
    private mutating func resend(_ id: UInt16, _ flight: Flight, now: UInt64, into packets: inout [Packet]) -> Bool {
        guard let link else { return false }
        var publish = flight.message.publishPacket(
            qos: flight.delivery.qos, retain: flight.delivery.retain, packetID: id,
            subscriptionIdentifiers: flight.delivery.subscriptionIdentifiers, now: now)
        publish.duplicate = true
        guard fits(publish, link) else {
            land(id)
            drops.append(.tooLarge)
            return false
        }
        packets.append(.publish(publish))
        return true
    }

    /// Detaches the connection; QoS 0 deliveries stop, the rest queue until the client returns.
    mutating func detach() {
        link = nil
    }

    /// Forgets incoming QoS 2 state and unacknowledged flights, for a clean start.
    mutating func reset() {
        flights = [:]
        flightOrder = []
        pendingResends = []
        queue = []
        awaitingRelease = []
    }

    /// Offers a message to the session: sent now if online and the window has room, queued
    /// otherwise (QoS 0 is not queued for an offline client), dropped when the queue is full.
    mutating func deliver(_ message: ApplicationMessage, _ delivery: Delivery, now: UInt64) -> [Packet] {
        guard let link else {
            if delivery.qos == .atMostOnce {
                drops.append(.offlineQoS0)
            } else {
                enqueue(message, delivery)
            }
            return []
        }
        if message.hasExpired(at: now) {
            drops.append(.expired)
            return []
        }
        if delivery.qos == .atMostOnce {
            let packet = message.publishPacket(
                qos: .atMostOnce, retain: delivery.retain, packetID: nil,
                subscriptionIdentifiers: delivery.subscriptionIdentifiers, now: now)
            return fits(packet, link) ? [.publish(packet)] : dropTooLarge()
        }
        guard queue.isEmpty, flights.count < link.receiveMaximum else {
            enqueue(message, delivery)
            return []
        }
        var packets: [Packet] = []
        send(message, delivery, now: now, into: &packets)
        return packets
    }

    /// PUBACK for a QoS 1 delivery: the slot is free again.
    mutating func acknowledge(_ id: UInt16, now: UInt64) -> [Packet] {
        guard let flight = flights[id], flight.stage == .awaitingPuback else { return [] }
        land(id)
        var packets: [Packet] = []
        drainQueue(now: now, into: &packets)
        return packets
    }

    /// PUBREC for a QoS 2 delivery: answer PUBREL (§4.3.3); a failure code ends the flight.
    mutating func received(_ id: UInt16, reasonCode: ReasonCode, now: UInt64) -> [Packet] {
        guard var flight = flights[id] else {
            return [.pubrel(PublishAcknowledgement(packetID: id, reasonCode: .packetIdentifierNotFound))]
        }
        if reasonCode.isFailure {
            land(id)
            var packets: [Packet] = []
            drainQueue(now: now, into: &packets)
            return packets
        }
        flight.stage = .awaitingPubcomp
        flights[id] = flight
        return [.pubrel(PublishAcknowledgement(packetID: id))]
    }

    /// PUBCOMP for a QoS 2 delivery: the flight is over.
    mutating func completed(_ id: UInt16, now: UInt64) -> [Packet] {
        guard flights[id]?.stage == .awaitingPubcomp else { return [] }
        land(id)
        var packets: [Packet] = []
        drainQueue(now: now, into: &packets)
        return packets
    }

    /// An incoming QoS 2 PUBLISH: `true` if it is new and must be routed, `false` for a
    /// resend of one already routed [MQTT-4.3.3-10].
    mutating func receiveExactlyOnce(_ id: UInt16) -> Bool {
        awaitingRelease.insert(id).inserted
    }

    /// PUBREL for an incoming QoS 2 message: answered by PUBCOMP, with 0x92 if unknown.
    mutating func release(_ id: UInt16) -> Packet {
        let known = awaitingRelease.remove(id) != nil
        return .pubcomp(PublishAcknowledgement(packetID: id, reasonCode: known ? .success : .packetIdentifierNotFound))
    }

    /// Takes the drop reasons recorded since the last call, for counting.
    mutating func takeDrops() -> [Drop] {
        defer { drops.removeAll() }
        return drops
    }

    /// What survives a broker restart: the unacknowledged flights first, then the queue.
    var pendingMessages: [(ApplicationMessage, Delivery)] {
        flightOrder.compactMap { id in flights[id].map { ($0.message, $0.delivery) } } + Array(queue)
    }

    private mutating func enqueue(_ message: ApplicationMessage, _ delivery: Delivery) {
        guard queue.count < queueLimit else {
            drops.append(.queueFull)
            return
        }
        queue.append((message, delivery))
    }

    /// Fills the window: held-back resends first, then queued messages.
    private mutating func drainQueue(now: UInt64, into packets: inout [Packet]) {
        guard let link else { return }
        while let id = pendingResends.first, flights.count - pendingResends.count < link.receiveMaximum {
            pendingResends.removeFirst()
            if let flight = flights[id] { _ = resend(id, flight, now: now, into: &packets) }
        }
        while flights.count < link.receiveMaximum, let (message, delivery) = queue.popFirst() {
            if message.hasExpired(at: now) {
                drops.append(.expired)
                continue
            }
            if delivery.qos == .atMostOnce {
                let packet = message.publishPacket(
                    qos: .atMostOnce, retain: delivery.retain, packetID: nil,
                    subscriptionIdentifiers: delivery.subscriptionIdentifiers, now: now)
                packets.append(contentsOf: fits(packet, link) ? [.publish(packet)] : dropTooLarge())
                continue
            }
            send(message, delivery, now: now, into: &packets)
        }
    }

    private mutating func send(
        _ message: ApplicationMessage, _ delivery: Delivery, now: UInt64,
        into packets: inout [Packet]
    ) {
        guard let link else { return }
        let id = allocatePacketID()
        let packet = message.publishPacket(
            qos: delivery.qos, retain: delivery.retain, packetID: id,
            subscriptionIdentifiers: delivery.subscriptionIdentifiers, now: now)
        guard fits(packet, link) else {
            drops.append(.tooLarge)
            return
        }
        flights[id] = Flight(
            message: message, delivery: delivery,
            stage: delivery.qos == .atLeastOnce ? .awaitingPuback : .awaitingPubrec)
        flightOrder.append(id)
        packets.append(.publish(packet))
    }

    private mutating func land(_ id: UInt16) {
        flights[id] = nil
        if let index = pendingResends.firstIndex(of: id) { pendingResends.remove(at: index) }
        if flightOrder.first == id {
            flightOrder.removeFirst()
        } else if let index = flightOrder.firstIndex(of: id) {
            flightOrder.remove(at: index)
        }
    }

    /// The next identifier not in flight; the window is at most 65 535, so one is always free.
    private mutating func allocatePacketID() -> UInt16 {
        while true {
            let id = nextPacketID
            nextPacketID = nextPacketID == .max ? 1 : nextPacketID + 1
            if flights[id] == nil { return id }
        }
    }

    private func fits(_ packet: PublishPacket, _ link: Link) -> Bool {
        guard link.maximumPacketSize < 268_435_460 else { return true }
        let topic = packet.topic.utf8.count + 2
        let properties = link.version == .v5 ? packet.properties.encodedSize : 0
        let body = topic + (packet.packetID == nil ? 0 : 2) + properties + packet.payload.readableBytes
        return 1 + variableByteIntegerSize(body) + body <= link.maximumPacketSize
    }

    private mutating func dropTooLarge() -> [Packet] {
        drops.append(.tooLarge)
        return []
    }
}
