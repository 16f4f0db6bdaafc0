import NIOCore

/// The client side of one OPC UA TCP connection and its secure channel, without I/O (Part 6, 7.1 and 6.7):
/// Hello/Acknowledge, OpenSecureChannel and its renewals, chunking out, reassembly in, sequence numbers and
/// request ids. The channel handler feeds it chunks and carries out the `Action`s it returns.
struct OPCUASecureChannelStateMachine {
    enum State: Hashable, Sendable {
        case idle, awaitingAcknowledge, awaitingOpen, open, closed
    }

    /// What the handler does next.
    enum Action {
        case none
        case send([ByteBuffer])
        /// The channel is open; renew its token after the given delay (75% of the revised lifetime).
        case opened(renewAfter: Duration)
        case renewed(renewAfter: Duration)
        /// The whole body (encoding id and structure) answering `requestId`.
        case response(requestId: UInt32, body: ByteBuffer)
        /// The server aborted the response to `requestId`; the channel stays open.
        case requestFailed(requestId: UInt32, ConnectorError)
        /// The connection must be reset: every waiting call fails with the error.
        case close(ConnectorError)
    }

    let endpointURL: String
    let limits: OPCUATransportLimits
    /// The token lifetime asked for, milliseconds.
    let requestedLifetime: UInt32
    private(set) var state = State.idle
    var negotiated: OPCUANegotiatedLimits?
    var policy: any OPCUASecurityPolicy
    private(set) var channelId: UInt32 = 0
    var token: OPCUAChannelSecurityToken?
    var previousTokenId: UInt32?
    var sequence = OPCUASequenceNumbers()
    var receivedSequence = OPCUASequenceNumbers()
    private var nextRequestId: UInt32 = 1
    /// Requests sent whose response has not arrived.
    var waiting: Set<UInt32> = []
    /// Requests given up on (timed out, cancelled) whose late responses are dropped quietly; the newest 64.
    var abandoned: [UInt32] = []
    /// The OpenSecureChannel request (issue or renew) in flight.
    var openRequestId: UInt32?
    var clientNonce: [UInt8] = []
    /// Chunks received so far of responses not yet complete, by request id.
    var partial: [UInt32: [ByteBuffer]] = [:]

    init(
        endpointURL: String, limits: OPCUATransportLimits = OPCUATransportLimits(),
        policy: any OPCUASecurityPolicy = OPCUASecurityPolicyNone(), requestedLifetime: UInt32 = 3_600_000
    ) {
        self.endpointURL = endpointURL
        self.limits = limits
        self.policy = policy
        self.requestedLifetime = requestedLifetime
    }

    /// The Hello that starts the connection.
    mutating func start() -> ByteBuffer {
        state = .awaitingAcknowledge
        var body = ByteBuffer()
        OPCUAHello(limits: limits, endpointURL: endpointURL).encode(to: &body)
        return OPCUAMessageHeader.frame(.hello, body)
    }

    /// Chunks a service request (encoding id and structure) under a new request id.
    ///
    /// - Throws: `.unreachable` when the channel is not open; `.refused` when it is too large for the server.
    mutating func sendRequest(_ body: ByteBuffer) throws(ConnectorError) -> (requestId: UInt32, chunks: [ByteBuffer]) {
        guard state == .open, let negotiated, let token else {
            throw ConnectorError(.unreachable, "the OPC UA secure channel to \(endpointURL) is not open")
        }
        let requestId = makeRequestId()
        let chunks = try OPCUAMessageChunker(limits: negotiated, policy: policy).symmetricChunks(
            .message, body: body, channelId: channelId, tokenId: token.tokenId, requestId: requestId,
            sequence: &sequence)
        waiting.insert(requestId)
        return (requestId, chunks)
    }

    /// Forgets a request the caller stopped waiting for; its response, should it come, is dropped.
    mutating func abandon(_ requestId: UInt32) {
        guard waiting.remove(requestId) != nil else { return }
        partial[requestId] = nil
        abandoned.append(requestId)
        if abandoned.count > 64 { abandoned.removeFirst() }
    }

    /// The OPN renewing the token, or nothing when the channel is not open or a renewal is in flight.
    mutating func renew(now: OPCUADateTime) -> Action {
        guard state == .open, openRequestId == nil else { return .none }
        do {
            return .send([try openRequest(.renew, now: now)])
        } catch {
            state = .closed
            return .close(error)
        }
    }

    /// The CloseSecureChannel message, after which the machine accepts nothing more.
    mutating func close(now: OPCUADateTime) -> [ByteBuffer] {
        defer { state = .closed }
        guard state == .open, let negotiated, let token else { return [] }
        let request = OPCUACloseSecureChannelRequest(header: OPCUARequestHeader(timestamp: now))
        var body = ByteBuffer()
        OPCUANodeId.numeric(OPCUACloseSecureChannelRequest.encodingId).encode(to: &body)
        request.encode(to: &body)
        let chunks = try? OPCUAMessageChunker(limits: negotiated, policy: policy).symmetricChunks(
            .close, body: body, channelId: channelId, tokenId: token.tokenId, requestId: makeRequestId(),
            sequence: &sequence)
        return chunks ?? []
    }

    /// Marks the machine closed (the socket went away).
    mutating func connectionClosed() {
        state = .closed
    }

    mutating func makeRequestId() -> UInt32 {
        let id = nextRequestId
        nextRequestId = id == UInt32.max ? 1 : id + 1
        return id
    }

    /// Builds the OPN chunk asking for a token, remembering its request id and nonce.
    mutating func openRequest(
        _ type: OPCUAOpenSecureChannelRequest.RequestType, now: OPCUADateTime
    ) throws(ConnectorError) -> ByteBuffer {
        guard let negotiated else { throw ConnectorError(.unreachable, "the OPC UA connection is not acknowledged") }
        let requestId = makeRequestId()
        clientNonce = policy.makeClientNonce()
        let request = OPCUAOpenSecureChannelRequest(
            header: OPCUARequestHeader(timestamp: now, requestHandle: requestId, timeoutHint: 10_000),
            requestType: type, securityMode: policy.securityMode, clientNonce: clientNonce,
            requestedLifetime: requestedLifetime)
        openRequestId = requestId
        return try OPCUAMessageChunker(limits: negotiated, policy: policy).openChunk(
            body: OPCUAServiceMessage.encode(request), channelId: channelId, requestId: requestId,
            sequence: &sequence)
    }

    mutating func setOpen(channelId: UInt32) {
        self.channelId = channelId
        state = .open
    }

    mutating func setState(_ state: State) {
        self.state = state
    }
}
