import NIOCore
import Testing

@testable import GantryConnectors

/// The secure channel state machine on good and bad input: handshake, chunking both ways, renewal, and every
/// kind of broken server message resetting the connection with a typed error, never a crash.
@Suite struct OPCUASecureChannelStateMachineTests {
    private func expectClose(
        _ action: OPCUASecureChannelStateMachine.Action, code: ConnectorError.Code, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .close(let error) = action else {
            Issue.record("expected .close, got \(action)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == code, sourceLocation: sourceLocation)
        #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
    }

    @Test func handshakeOpensTheChannelAndSchedulesRenewalAtThreeQuarters() throws {
        var server = OPCUAFakeServer()
        var machine = OPCUASecureChannelStateMachine(endpointURL: "opc.tcp://test:4840/")
        let hello = machine.start()
        #expect(hello.getString(at: 0, length: 4) == "HELF")
        guard case .send(let open) = machine.received(server.acknowledge(), now: .none) else {
            Issue.record("no OPN after ACK")
            return
        }
        #expect(open.first?.getString(at: 0, length: 4) == "OPNF")
        guard case .opened(let renewAfter) = machine.received(server.openResponse(requestId: 1), now: .none) else {
            Issue.record("not opened")
            return
        }
        #expect(renewAfter == .seconds(450))
        #expect(machine.state == .open && machine.channelId == 7)
    }

    @Test func renewalSwitchesTokenAndStillAcceptsTheOldOne() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        let (pendingId, _) = try machine.sendRequest(ByteBuffer(bytes: [1]))
        guard case .send(let renew) = machine.renew(now: .none), let chunk = renew.first else {
            Issue.record("no renewal")
            return
        }
        #expect(chunk.getString(at: 0, length: 4) == "OPNF")
        guard case .none = machine.renew(now: .none) else {
            Issue.record("a second renewal while one is in flight")
            return
        }
        server.tokenId = 2
        guard case .renewed = machine.received(server.openResponse(requestId: pendingId + 1), now: .none) else {
            Issue.record("not renewed")
            return
        }
        let (_, chunks) = try machine.sendRequest(ByteBuffer(bytes: [2]))
        #expect(chunks[0].getInteger(at: 12, endianness: .little, as: UInt32.self) == 2)
        server.tokenId = 1
        guard
            case .response(let id, _) = machine.received(
                server.message(requestId: pendingId, payload: ByteBuffer()), now: .none)
        else {
            Issue.record("the old token's response was refused")
            return
        }
        #expect(id == pendingId)
    }

    @Test func largeRequestsAreChunkedToTheServersBufferAndResponsesReassembled() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        let body = ByteBuffer(repeating: 0xAB, count: 20_000)
        let (requestId, chunks) = try machine.sendRequest(body)
        #expect(chunks.count == 3)
        #expect(chunks.allSatisfy { $0.readableBytes <= 8_192 })
        #expect(chunks.map { $0.getString(at: 0, length: 4) } == ["MSGC", "MSGC", "MSGF"])
        let sequences = chunks.map { $0.getInteger(at: 16, endianness: .little, as: UInt32.self)! }
        #expect(sequences == [sequences[0], sequences[0] + 1, sequences[0] + 2])

        #expect(
            isNone(
                machine.received(
                    server.message(requestId: requestId, payload: ByteBuffer(bytes: [1, 2]), chunkType: .intermediate),
                    now: .none)))
        guard
            case .response(let id, let whole) = machine.received(
                server.message(requestId: requestId, payload: ByteBuffer(bytes: [3])), now: .none)
        else {
            Issue.record("no response")
            return
        }
        #expect(id == requestId && Array(whole.readableBytesView) == [1, 2, 3])
    }

    @Test func tooManyChunksForTheServerAreRefusedBeforeSending() throws {
        var server = OPCUAFakeServer()
        server.limits.maxChunkCount = 2
        var machine = server.openMachine()
        #expect {
            _ = try machine.sendRequest(ByteBuffer(repeating: 0, count: 20_000))
        } throws: { error in
            (error as? ConnectorError)?.code == .refused
        }
    }

    @Test func wrongLengthInTheHeaderResets() {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        var chunk = server.message(requestId: 1, payload: ByteBuffer())
        chunk.setInteger(UInt32(999), at: 4, endianness: .little)
        expectClose(machine.received(chunk, now: .none), code: .protocolViolation, containing: "says 999 bytes")
        #expect(machine.state == .closed)
    }

    @Test func truncatedAcknowledgeResets() {
        let server = OPCUAFakeServer()
        var machine = OPCUASecureChannelStateMachine(endpointURL: "opc.tcp://test:4840/")
        _ = machine.start()
        var ack = server.acknowledge()
        ack = ack.getSlice(at: 0, length: 20)!
        ack.setInteger(UInt32(20), at: 4, endianness: .little)
        expectClose(machine.received(ack, now: .none), code: .protocolViolation, containing: "truncated")
    }

    @Test func unknownMessageTypeResets() {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        var chunk = server.message(requestId: 1, payload: ByteBuffer())
        chunk.setString("XYZ", at: 0)
        expectClose(
            machine.received(chunk, now: .none), code: .protocolViolation, containing: "unknown OPC UA message type")
    }

    @Test func responseToARequestNeverSentResets() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        _ = try machine.sendRequest(ByteBuffer())
        let action = machine.received(server.message(requestId: 4_711, payload: ByteBuffer()), now: .none)
        expectClose(action, code: .protocolViolation, containing: "request id 4711")
    }

    @Test func lateResponseOfAnAbandonedRequestIsDroppedQuietly() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        let (requestId, _) = try machine.sendRequest(ByteBuffer())
        machine.abandon(requestId)
        #expect(isNone(machine.received(server.message(requestId: requestId, payload: ByteBuffer()), now: .none)))
        #expect(machine.state == .open)
    }

    @Test func skippedSequenceNumberResets() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        let (requestId, _) = try machine.sendRequest(ByteBuffer())
        server.sequence += 5
        let action = machine.received(server.message(requestId: requestId, payload: ByteBuffer()), now: .none)
        expectClose(action, code: .protocolViolation, containing: "sequence number")
    }

    @Test func messageForAnotherChannelResets() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        let (requestId, _) = try machine.sendRequest(ByteBuffer())
        server.channelId = 99
        let action = machine.received(server.message(requestId: requestId, payload: ByteBuffer()), now: .none)
        expectClose(action, code: .protocolViolation, containing: "secure channel 99")
    }

    @Test func errorMessageBecomesATypedRefusal() {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        var body = ByteBuffer()
        OPCUATransportError(status: OPCUAStatusCode(rawValue: 0x8080_0000), reason: "too big").encode(to: &body)
        let action = machine.received(OPCUAMessageHeader.frame(.error, body), now: .none)
        expectClose(action, code: .refused, containing: "BadTcpMessageTooLarge: too big")
    }

    @Test func abortChunkFailsOnlyThatRequest() throws {
        var server = OPCUAFakeServer()
        var machine = server.openMachine()
        let (requestId, _) = try machine.sendRequest(ByteBuffer())
        var body = ByteBuffer()
        OPCUATransportError(status: .badTimeout, reason: nil).encode(to: &body)
        guard
            case .requestFailed(let id, let error) = machine.received(
                server.message(requestId: requestId, payload: body, chunkType: .abort), now: .none)
        else {
            Issue.record("abort not reported")
            return
        }
        #expect(id == requestId && error.code == .refused && error.message.contains("BadTimeout"))
        #expect(machine.state == .open)
    }

    @Test func unknownServiceResponseIsAProtocolViolation() {
        #expect {
            _ = try OPCUAServiceMessage.decode(
                OPCUAReadResponse.self, from: OPCUAFakeServer.response(OPCUAWriteResponse.encodingId))
        } throws: { error in
            (error as? ConnectorError)?.code == .protocolViolation
                && (error as? ConnectorError)?.message.contains("expected a Read response") == true
        }
    }

    @Test func serviceFaultIsARefusalNamingTheStatus() {
        #expect {
            _ = try OPCUAServiceMessage.decode(
                OPCUAReadResponse.self, from: OPCUAFakeServer.response(397, result: .badSessionIdInvalid))
        } throws: { error in
            (error as? ConnectorError)?.code == .refused
                && (error as? ConnectorError)?.message.contains("BadSessionIdInvalid") == true
        }
    }

    @Test func requestsBeforeTheChannelIsOpenAreUnreachable() {
        var machine = OPCUASecureChannelStateMachine(endpointURL: "opc.tcp://test:4840/")
        #expect {
            _ = try machine.sendRequest(ByteBuffer())
        } throws: { error in
            (error as? ConnectorError)?.code == .unreachable
        }
    }

    @Test(arguments: [UInt32(4), 70_000])
    func frameDecoderRefusesImpossibleSizes(size: UInt32) {
        var decoder = OPCUAFrameDecoder(maximumChunkSize: 65_535)
        var buffer = ByteBuffer(string: "MSGF")
        buffer.writeInteger(size, endianness: .little)
        #expect(throws: ConnectorError.self) { _ = try decoder.decode(buffer: &buffer) }
    }

    @Test func frameDecoderWaitsForTheWholeChunk() throws {
        var decoder = OPCUAFrameDecoder(maximumChunkSize: 65_535)
        var buffer = ByteBuffer(string: "MSGF")
        buffer.writeInteger(UInt32(12), endianness: .little)
        buffer.writeBytes([1, 2])
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeBytes([3, 4])
        #expect(try decoder.decode(buffer: &buffer)?.readableBytes == 12)
        #expect(throws: ConnectorError.self) {
            var rest = ByteBuffer(bytes: [0x4D, 0x53])
            _ = try decoder.decodeLast(buffer: &rest, seenEOF: true)
        }
    }

    private func isNone(_ action: OPCUASecureChannelStateMachine.Action) -> Bool {
        if case .none = action { true } else { false }
    }
}
