/// The transactions of one Modbus TCP connection, without I/O: it hands out transaction ids, keeps at most
/// `maximumInFlight` requests on the wire and queues the rest, and matches each response to its request.
/// `ModbusClientHandler` carries out what it returns; tests drive it directly.
///
/// A response that matches nothing outstanding, or does not fit its request, is a violation: the stream can
/// no longer be trusted and the handler resets the connection. A late answer to a request that timed out is
/// the one exception: it is dropped quietly, since a slow device is not a broken one.
struct ModbusTransactions<Ticket> {
    struct Pending {
        let request: ModbusRequest
        let unitID: UInt8
        let ticket: Ticket
    }

    enum Submitted {
        case send(ModbusFrame)
        case queued
        case refused(ConnectorError)
    }

    enum Received {
        /// The response answers `ticket`'s request; `send` are queued requests that now have room.
        case answered(Ticket, ModbusResponse, send: [ModbusFrame])
        /// A late answer to a request that timed out.
        case ignored
        case violation(ConnectorError)
    }

    let maximumInFlight: Int
    let maximumQueued: Int
    private var nextID: UInt16 = 1
    private var inFlight: [UInt16: Pending] = [:]
    private var queue: [Pending] = []
    /// Ids of requests that timed out, newest last, so their late answers can be told from strays.
    private var abandoned: [UInt16] = []
    private static var abandonedLimit: Int { 64 }

    init(maximumInFlight: Int, maximumQueued: Int = 1024) {
        self.maximumInFlight = min(max(1, maximumInFlight), 1024)
        self.maximumQueued = max(0, maximumQueued)
    }

    var inFlightCount: Int { inFlight.count }
    var queuedCount: Int { queue.count }

    /// Sends `request` if the window has room, else queues it, or refuses it when the queue is full.
    mutating func submit(_ request: ModbusRequest, unitID: UInt8, ticket: Ticket) -> Submitted {
        let pending = Pending(request: request, unitID: unitID, ticket: ticket)
        if inFlight.count < maximumInFlight { return .send(start(pending)) }
        guard queue.count < maximumQueued else {
            return .refused(ConnectorError(.unreachable, "\(queue.count) Modbus requests already wait to be sent"))
        }
        queue.append(pending)
        return .queued
    }

    /// Matches a response to its request.
    mutating func receive(_ frame: ModbusFrame) -> Received {
        guard let pending = inFlight[frame.transactionID] else {
            if abandoned.contains(frame.transactionID) {
                abandoned.removeAll { $0 == frame.transactionID }
                return .ignored
            }
            return .violation(
                ConnectorError(
                    .protocolViolation, "a response with transaction id \(frame.transactionID), which no request has"))
        }
        guard frame.unitID == pending.unitID else {
            return .violation(
                ConnectorError(
                    .protocolViolation,
                    "transaction \(frame.transactionID) was sent to unit \(pending.unitID), answered by unit \(frame.unitID)"
                ))
        }
        let response: ModbusResponse
        do {
            response = try ModbusResponse.decode(frame.pdu)
        } catch {
            return .violation(
                ConnectorError(.protocolViolation, "transaction \(frame.transactionID): \(error.message)"))
        }
        if let mismatch = response.mismatch(answering: pending.request) {
            return .violation(ConnectorError(.protocolViolation, "transaction \(frame.transactionID): \(mismatch)"))
        }
        inFlight[frame.transactionID] = nil
        return .answered(pending.ticket, response, send: startQueued())
    }

    /// Gives up on transaction `id`: returns its request (nil if it was answered meanwhile) and the queued
    /// requests that take its place.
    mutating func timedOut(_ id: UInt16) -> (pending: Pending, send: [ModbusFrame])? {
        guard let pending = inFlight.removeValue(forKey: id) else { return nil }
        abandoned.append(id)
        if abandoned.count > Self.abandonedLimit { abandoned.removeFirst() }
        return (pending, startQueued())
    }

    /// Ends every transaction, on the wire and queued: their tickets, to fail.
    mutating func close() -> [Ticket] {
        let tickets = inFlight.keys.sorted().map { inFlight[$0]!.ticket } + queue.map(\.ticket)
        inFlight = [:]
        queue = []
        return tickets
    }

    private mutating func startQueued() -> [ModbusFrame] {
        var frames: [ModbusFrame] = []
        while inFlight.count < maximumInFlight, !queue.isEmpty {
            frames.append(start(queue.removeFirst()))
        }
        return frames
    }

    private mutating func start(_ pending: Pending) -> ModbusFrame {
        while inFlight[nextID] != nil || abandoned.contains(nextID) { nextID &+= 1 }
        let id = nextID
        nextID &+= 1
        inFlight[id] = pending
        return ModbusFrame(transactionID: id, unitID: pending.unitID, request: pending.request)
    }
}
