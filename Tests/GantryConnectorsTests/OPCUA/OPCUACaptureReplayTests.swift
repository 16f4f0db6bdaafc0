import NIOCore
import Testing

@testable import GantryConnectors

/// Replays the recorded asyncua session (`captures/opcua_asyncua_session.jsonl`) byte for byte: every chunk's
/// header, Hello and Acknowledge, every request header and the requests this client models re-encode to the
/// same bytes; the server's chunks drive the secure channel state machine and each response decodes.
@Suite struct OPCUACaptureReplayTests {
    /// The offset of the body (after message header, channel id, token id, sequence number, request id).
    static let symmetricBodyOffset = 24

    @Test func everyChunkHeaderMatchesItsSize() throws {
        let session = try RecordedChunk.session()
        #expect(session.count == 78)
        for chunk in session {
            var reader = OPCUAReader(chunk.bytes)
            let header = try OPCUAMessageHeader(from: &reader)
            #expect(Int(header.messageSize) == chunk.bytes.readableBytes)
            #expect(chunk.msg.hasPrefix(header.messageType.rawValue))
            #expect(header.chunkType == .final)
        }
    }

    @Test func helloAndAcknowledgeReencodeByteForByte() throws {
        let session = try RecordedChunk.session()
        var hello = OPCUAReader(session[0].bytes.getSlice(at: 8, length: session[0].bytes.readableBytes - 8)!)
        let decodedHello = try OPCUAHello(from: &hello)
        #expect(decodedHello.endpointURL == "opc.tcp://127.0.0.1:14840/")
        var helloBody = ByteBuffer()
        decodedHello.encode(to: &helloBody)
        #expect(OPCUAMessageHeader.frame(.hello, helloBody) == session[0].bytes)

        var acknowledge = OPCUAReader(session[1].bytes.getSlice(at: 8, length: session[1].bytes.readableBytes - 8)!)
        let decoded = try OPCUAAcknowledge(from: &acknowledge)
        #expect(decoded.limits.receiveBufferSize == 65_535 && decoded.limits.maxChunkCount == 1_601)
        var body = ByteBuffer()
        decoded.encode(to: &body)
        #expect(OPCUAMessageHeader.frame(.acknowledge, body) == session[1].bytes)
    }

    @Test func requestsReencodeByteForByte() throws {
        var checked: Set<String> = []
        for chunk in try RecordedChunk.session() where chunk.fromClient && chunk.msg.hasPrefix("MSG") {
            let body = chunk.bytes.getSlice(
                at: Self.symmetricBodyOffset, length: chunk.bytes.readableBytes - Self.symmetricBodyOffset)!
            var reader = OPCUAReader(body)
            let typeId = try OPCUANodeId(from: &reader)
            let header = try OPCUARequestHeader(from: &reader)
            let reencoded: ByteBuffer
            switch typeId {
            case .numeric(OPCUAReadRequest.encodingId):
                let maxAge = try reader.double("max age")
                let timestamps = try reader.integer("timestamps", as: Int32.self)
                let nodes = try reader.array("nodes") { reader throws(ConnectorError) in
                    let node = try OPCUANodeId(from: &reader)
                    let attribute = try reader.integer("attribute", as: UInt32.self)
                    _ = try reader.string("index range")
                    _ = try OPCUAQualifiedName(from: &reader)
                    return OPCUAReadValueId(nodeId: node, attributeId: attribute)
                }
                reencoded = OPCUAServiceMessage.encode(
                    OPCUAReadRequest(header: header, maxAge: maxAge, timestampsToReturn: timestamps, nodesToRead: nodes)
                )
            case .numeric(OPCUABrowseRequest.encodingId):
                reencoded = OPCUAServiceMessage.encode(
                    OPCUABrowseRequest(
                        header: header, nodesToBrowse: [.init(nodeId: .string("Machine1", namespace: 2))]))
            case .numeric(OPCUAPublishRequest.encodingId):
                let acknowledgements = try reader.array("acks") { reader throws(ConnectorError) in
                    OPCUAPublishRequest.Acknowledgement(
                        subscriptionId: try reader.integer("id"), sequenceNumber: try reader.integer("sequence"))
                }
                reencoded = OPCUAServiceMessage.encode(
                    OPCUAPublishRequest(header: header, acknowledgements: acknowledgements))
            case .numeric(OPCUACloseSessionRequest.encodingId):
                reencoded = OPCUAServiceMessage.encode(
                    OPCUACloseSessionRequest(header: header, deleteSubscriptions: try reader.boolean("delete")))
            default:
                var headerOnly = ByteBuffer()
                typeId.encode(to: &headerOnly)
                header.encode(to: &headerOnly)
                #expect(headerOnly == body.getSlice(at: 0, length: headerOnly.readableBytes))
                continue
            }
            #expect(reencoded == body, "\(chunk.msg) at t=\(chunk.t)")
            checked.insert(chunk.msg)
        }
        #expect(checked.count == 4)
    }

    @Test func serverChunksDriveTheStateMachineAndDecode() throws {
        var machine = OPCUASecureChannelStateMachine(endpointURL: "opc.tcp://127.0.0.1:14840/")
        _ = machine.start()
        var responses: [(msg: String, body: ByteBuffer)] = []
        for chunk in try RecordedChunk.session() {
            let recordedRequestId = chunk.bytes.getInteger(at: 20, endianness: .little, as: UInt32.self)
            if chunk.fromClient {
                guard chunk.msg.hasPrefix("MSG") else { continue }
                let (requestId, _) = try machine.sendRequest(ByteBuffer())
                #expect(requestId == recordedRequestId, "\(chunk.msg) at t=\(chunk.t)")
                continue
            }
            switch machine.received(chunk.bytes, now: .none) {
            case .send(let chunks):
                #expect(chunk.msg == "ACK" && chunks.count == 1)
            case .opened(let renewAfter):
                #expect(renewAfter == .seconds(2_700))
                #expect(machine.channelId == 6 && machine.token?.tokenId == 13)
            case .response(let requestId, let body):
                #expect(requestId == recordedRequestId)
                responses.append((chunk.msg, body))
            default:
                Issue.record("unexpected action for \(chunk.msg) at t=\(chunk.t)")
            }
        }
        #expect(responses.count == 36)
        try checkResponses(responses)
    }

    private func checkResponses(_ responses: [(msg: String, body: ByteBuffer)]) throws {
        var writes: [OPCUAStatusCode] = []
        var calls: [[OPCUAVariant]] = []
        var notifications: [OPCUAMonitoredValue] = []
        for (msg, body) in responses {
            switch msg {
            case "MSG:CreateSessionResponse":
                let session = try OPCUAServiceMessage.decode(OPCUACreateSessionResponse.self, from: body)
                let policies = session.serverEndpoints.flatMap(\.userIdentityTokens)
                #expect(policies.map(\.policyId) == ["anonymous", "username"])
                let token = try OPCUAUserTokenSelection(
                    endpoints: session.serverEndpoints, securityPolicyURI: OPCUASecurityPolicyNone.uri
                ).token(for: .userName("operator", password: "secret"))
                #expect(token.typeId == .numeric(OPCUAIdentityToken.userNameEncodingId))
            case "MSG:ActivateSessionResponse":
                _ = try OPCUAServiceMessage.decode(OPCUAActivateSessionResponse.self, from: body)
            case "MSG:BrowseResponse":
                let browse = try OPCUAServiceMessage.decode(OPCUABrowseResponse.self, from: body)
                let names = browse.results.flatMap(\.references).compactMap(\.browseName.name)
                #expect(Set(names).isSuperset(of: ["Temperature", "Setpoint", "PartCount", "Running", "Multiply"]))
            case "MSG:ReadResponse":
                let read = try OPCUAServiceMessage.decode(OPCUAReadResponse.self, from: body)
                #expect(read.results.count == 1)
            case "MSG:WriteResponse":
                writes += try OPCUAServiceMessage.decode(OPCUAWriteResponse.self, from: body).results
            case "MSG:CallResponse":
                calls += try OPCUAServiceMessage.decode(OPCUACallResponse.self, from: body).results.map(
                    \.outputArguments)
            case "MSG:CreateSubscriptionResponse":
                let created = try OPCUAServiceMessage.decode(OPCUACreateSubscriptionResponse.self, from: body)
                #expect(created.revisedPublishingInterval == 200)
            case "MSG:CreateMonitoredItemsResponse":
                let items = try OPCUAServiceMessage.decode(OPCUACreateMonitoredItemsResponse.self, from: body)
                #expect(items.results.map(\.statusCode) == [.good])
            case "MSG:PublishResponse":
                let publish = try OPCUAServiceMessage.decode(OPCUAPublishResponse.self, from: body)
                let item = OPCUAMonitoredItem(name: "temperature", node: .string("Machine1.Temperature", namespace: 2))
                var state = OPCUAPublishState(
                    subscription: OPCUASubscription(
                        id: publish.subscriptionId, publishingInterval: .milliseconds(200), maxKeepAliveCount: 10,
                        items: [201: item]))
                notifications += try state.received(publish)
            case "MSG:DeleteSubscriptionsResponse":
                _ = try OPCUAServiceMessage.decode(OPCUADeleteSubscriptionsResponse.self, from: body)
            case "MSG:CloseSessionResponse":
                _ = try OPCUAServiceMessage.decode(OPCUACloseSessionResponse.self, from: body)
            default:
                #expect(msg == "MSG:TranslateBrowsePathsToNodeIdsResponse")
                #expect(body.getInteger(at: 2, endianness: .little, as: UInt16.self) == 557)
            }
        }
        #expect(writes == [.good, .badUserAccessDenied])
        #expect(calls.first == [.double(42)])
        #expect(calls.last?.first?.builtInType == .uint32)
        #expect(notifications.count == 5)
        for notification in notifications {
            let reading = notification.reading(receivedAt: 0)
            #expect(reading.name == "temperature" && reading.point.quality.statusCode == 0)
            #expect(reading.point.timestamp > 1_600_000_000_000)
            guard case .double = reading.point.value else { Issue.record("not a double: \(reading)"); continue }
        }
    }
}
