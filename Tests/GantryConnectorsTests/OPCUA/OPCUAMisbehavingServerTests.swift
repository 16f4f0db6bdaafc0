import GantryTesting
import NIOCore
import NIOPosix
import Testing

@testable import GantryConnectors

/// A scripted server on a real socket that acknowledges and opens the channel properly, then answers the first
/// service request with broken bytes: the client resets the connection and the waiting call gets a typed
/// error, never a crash.
@Suite struct OPCUAMisbehavingServerTests {
    enum Misbehaviour: String, CaseIterable, Sendable {
        case wrongRequestId, unknownServiceResponse, truncatedChunk, oversizedChunk, errorMessage
    }

    @Test(arguments: Misbehaviour.allCases)
    func brokenAnswerFailsTheCallWithATypedError(misbehaviour: Misbehaviour) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedServer(misbehaviour: misbehaviour))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = server.localAddress!.port!
        let expected: (ConnectorError.Code, String) =
            switch misbehaviour {
            case .wrongRequestId: (.protocolViolation, "request id 99")
            case .unknownServiceResponse: (.protocolViolation, "expected a CreateSession response")
            case .truncatedChunk: (.protocolViolation, "closed inside an OPC UA chunk")
            case .oversizedChunk: (.protocolViolation, "above the negotiated receive buffer")
            case .errorMessage: (.refused, "BadTcpServerTooBusy: go away")
            }
        _ = try await withDeadline("the broken answer fails the connect") {
            await #expect {
                _ = try await OPCUAClient.connect(endpoint: "opc.tcp://127.0.0.1:\(port)/", logger: quietLogger)
            } throws: { error in
                guard let error = error as? ConnectorError else { return false }
                return error.code == expected.0 && error.message.contains(expected.1)
            }
        }
        try await server.close()
    }
}

/// Answers HEL and OPN as a server should, then the first MSG as `misbehaviour` says.
private final class ScriptedServer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let misbehaviour: OPCUAMisbehavingServerTests.Misbehaviour
    var fake = OPCUAFakeServer()

    init(misbehaviour: OPCUAMisbehavingServerTests.Misbehaviour) {
        self.misbehaviour = misbehaviour
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let chunk = unwrapInboundIn(data)
        switch chunk.getString(at: 0, length: 3) {
        case "HEL":
            context.writeAndFlush(wrapOutboundOut(fake.acknowledge()), promise: nil)
        case "OPN":
            context.writeAndFlush(wrapOutboundOut(fake.openResponse(requestId: 1)), promise: nil)
        case "MSG":
            answer(context: context)
        default:
            break
        }
    }

    private func answer(context: ChannelHandlerContext) {
        switch misbehaviour {
        case .wrongRequestId:
            let body = OPCUAFakeServer.response(OPCUACreateSessionResponse.encodingId)
            context.writeAndFlush(wrapOutboundOut(fake.message(requestId: 99, payload: body)), promise: nil)
        case .unknownServiceResponse:
            let body = OPCUAFakeServer.response(OPCUAWriteResponse.encodingId)
            context.writeAndFlush(wrapOutboundOut(fake.message(requestId: 2, payload: body)), promise: nil)
        case .truncatedChunk:
            let whole = fake.message(requestId: 2, payload: OPCUAFakeServer.response(464))
            context.writeAndFlush(wrapOutboundOut(whole.getSlice(at: 0, length: 20)!), promise: nil)
            context.close(promise: nil)
        case .oversizedChunk:
            var chunk = fake.message(requestId: 2, payload: ByteBuffer())
            chunk.setInteger(UInt32(1_000_000), at: 4, endianness: .little)
            context.writeAndFlush(wrapOutboundOut(chunk), promise: nil)
        case .errorMessage:
            var body = ByteBuffer()
            OPCUATransportError(status: OPCUAStatusCode(rawValue: 0x807D_0000), reason: "go away").encode(to: &body)
            context.writeAndFlush(wrapOutboundOut(OPCUAMessageHeader.frame(.error, body)), promise: nil)
        }
    }
}
