import NIOCore

extension OPCUASecureChannelStateMachine {
    /// Takes one whole chunk from the server and says what to do. Anything that breaks the protocol (a wrong
    /// length, a truncated chunk, an unknown message or a response no call waits for) closes the machine and
    /// returns `.close` with a `.protocolViolation` naming it.
    mutating func received(_ chunk: ByteBuffer, now: OPCUADateTime) -> Action {
        guard state != .closed else { return .none }
        do {
            return try receive(chunk, now: now)
        } catch {
            setState(.closed)
            return .close(error)
        }
    }

    private mutating func receive(_ chunk: ByteBuffer, now: OPCUADateTime) throws(ConnectorError) -> Action {
        var reader = OPCUAReader(chunk)
        let header = try OPCUAMessageHeader(from: &reader)
        guard header.messageSize == chunk.readableBytes else {
            throw ConnectorError(
                .protocolViolation,
                "OPC UA \(header.messageType.rawValue) chunk says \(header.messageSize) bytes, "
                    + "\(chunk.readableBytes) arrived")
        }
        switch (state, header.messageType) {
        case (_, .error):
            let error = try OPCUATransportError(from: &reader)
            setState(.closed)
            return .close(error.connectorError)
        case (.awaitingAcknowledge, .acknowledge):
            let acknowledge = try OPCUAAcknowledge(from: &reader)
            negotiated = try limits.negotiated(with: acknowledge)
            setState(.awaitingOpen)
            return .send([try openRequest(.issue, now: now)])
        case (.awaitingOpen, .open), (.open, .open):
            return try receiveOpen(header, chunk: chunk, reader: reader)
        case (.open, .message):
            return try receiveMessage(header, chunk: chunk, reader: reader)
        default:
            throw ConnectorError(
                .protocolViolation, "unexpected OPC UA \(header.messageType.rawValue) message while \(state)")
        }
    }

    private mutating func receiveOpen(
        _ header: OPCUAMessageHeader, chunk: ByteBuffer, reader: OPCUAReader
    ) throws(ConnectorError) -> Action {
        var reader = reader
        let channel = try reader.integer("secure channel id", as: UInt32.self)
        let uri = try reader.string("security policy URI")
        guard uri == policy.uri else {
            throw ConnectorError(.protocolViolation, "the server answered with security policy \(uri ?? "null")")
        }
        _ = try reader.byteString("sender certificate")
        _ = try reader.byteString("receiver certificate thumbprint")
        var body = try openSecured(chunk, from: reader.offset, asymmetric: true)
        let requestId = try body.integer("request id", as: UInt32.self)
        guard let expected = openRequestId, requestId == expected else {
            throw ConnectorError(
                .protocolViolation, "an OpenSecureChannel response to request id \(requestId), which was not sent")
        }
        guard header.chunkType == .final else {
            throw ConnectorError(.protocolViolation, "an OpenSecureChannel response in several chunks or aborted")
        }
        let response = try OPCUAServiceMessage.decode(
            OPCUAOpenSecureChannelResponse.self, from: body.buffer.slice())
        let token = response.securityToken
        let renewing = state == .open
        guard token.channelId == channel, !renewing || token.channelId == channelId, token.channelId != 0 else {
            throw ConnectorError(
                .protocolViolation, "OpenSecureChannel gave channel id \(token.channelId) in a chunk for \(channel)")
        }
        try policy.establishKeys(clientNonce: clientNonce, serverNonce: response.serverNonce)
        previousTokenId = self.token?.tokenId
        self.token = token
        openRequestId = nil
        setOpen(channelId: token.channelId)
        let renewAfter = Duration.milliseconds(Int64(token.revisedLifetime) * 3 / 4)
        return renewing ? .renewed(renewAfter: renewAfter) : .opened(renewAfter: renewAfter)
    }

    private mutating func receiveMessage(
        _ header: OPCUAMessageHeader, chunk: ByteBuffer, reader: OPCUAReader
    ) throws(ConnectorError) -> Action {
        var reader = reader
        let channel = try reader.integer("secure channel id", as: UInt32.self)
        guard channel == channelId else {
            throw ConnectorError(.protocolViolation, "a message for secure channel \(channel), this is \(channelId)")
        }
        let tokenId = try reader.integer("token id", as: UInt32.self)
        guard tokenId == token?.tokenId || tokenId == previousTokenId else {
            throw ConnectorError(.protocolViolation, "a message under unknown security token \(tokenId)")
        }
        var body = try openSecured(chunk, from: reader.offset, asymmetric: false)
        let requestId = try body.integer("request id", as: UInt32.self)
        if let index = abandoned.firstIndex(of: requestId) {
            if header.chunkType != .intermediate { abandoned.remove(at: index) }
            return .none
        }
        guard waiting.contains(requestId) else {
            throw ConnectorError(
                .protocolViolation, "a response to request id \(requestId), which no call is waiting for")
        }
        let piece = body.buffer.slice()
        switch header.chunkType {
        case .intermediate:
            var pieces = partial[requestId, default: []]
            pieces.append(piece)
            try checkReceiveLimits(pieces, requestId: requestId)
            partial[requestId] = pieces
            return .none
        case .final:
            var pieces = partial.removeValue(forKey: requestId) ?? []
            pieces.append(piece)
            try checkReceiveLimits(pieces, requestId: requestId)
            waiting.remove(requestId)
            var whole = ByteBuffer()
            for piece in pieces { whole.writeImmutableBuffer(piece) }
            return .response(requestId: requestId, body: whole)
        case .abort:
            partial[requestId] = nil
            waiting.remove(requestId)
            var abortReader = OPCUAReader(piece)
            let error = try OPCUATransportError(from: &abortReader)
            return .requestFailed(
                requestId: requestId, ConnectorError(.refused, "the OPC UA server aborted the response: \(error)"))
        }
    }

    /// Lets the policy verify and decrypt the chunk, then checks the sequence number; the reader it returns
    /// stands at the request id.
    private mutating func openSecured(
        _ chunk: ByteBuffer, from offset: Int, asymmetric: Bool
    ) throws(ConnectorError) -> OPCUAReader {
        let opened = try policy.open(chunk, securedFrom: offset, asymmetric: asymmetric)
        var reader = OPCUAReader(opened)
        _ = try reader.slice("security header", count: offset)
        try receivedSequence.received(try reader.integer("sequence number"))
        return reader
    }

    private func checkReceiveLimits(_ pieces: [ByteBuffer], requestId: UInt32) throws(ConnectorError) {
        guard let negotiated else { return }
        if negotiated.receiveMaxChunkCount > 0, pieces.count > negotiated.receiveMaxChunkCount {
            throw ConnectorError(
                .protocolViolation,
                "the response to request \(requestId) takes more than \(negotiated.receiveMaxChunkCount) chunks")
        }
        let size = pieces.reduce(0) { $0 + $1.readableBytes }
        if negotiated.receiveMaxMessageSize > 0, size > negotiated.receiveMaxMessageSize {
            throw ConnectorError(
                .protocolViolation,
                "the response to request \(requestId) is above \(negotiated.receiveMaxMessageSize) bytes")
        }
    }
}
