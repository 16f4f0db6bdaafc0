import NIOCore

@testable import GantryConnectors

/// Builds the chunks an OPC UA server would send, for state machine tests: Acknowledge, the OpenSecureChannel
/// response, and service responses under its channel, token and sequence numbers.
struct OPCUAFakeServer {
    var channelId: UInt32 = 7
    var tokenId: UInt32 = 1
    var sequence: UInt32 = 1
    var limits = OPCUATransportLimits(
        receiveBufferSize: 8_192, sendBufferSize: 8_192, maxMessageSize: 0, maxChunkCount: 0)

    func acknowledge() -> ByteBuffer {
        var body = ByteBuffer()
        OPCUAAcknowledge(limits: limits).encode(to: &body)
        return OPCUAMessageHeader.frame(.acknowledge, body)
    }

    mutating func openResponse(requestId: UInt32, lifetime: UInt32 = 600_000) -> ByteBuffer {
        var body = ByteBuffer()
        body.writeUA(channelId)
        body.writeUAString(OPCUASecurityPolicyNone.uri)
        body.writeUAByteString(nil)
        body.writeUAByteString(nil)
        body.writeUA(nextSequence())
        body.writeUA(requestId)
        OPCUANodeId.numeric(OPCUAOpenSecureChannelResponse.encodingId).encode(to: &body)
        OPCUAResponseHeader(requestHandle: requestId).encode(to: &body)
        body.writeUA(UInt32(0))
        body.writeUA(channelId)
        body.writeUA(tokenId)
        OPCUADateTime(unixMilliseconds: 0).encode(to: &body)
        body.writeUA(lifetime)
        body.writeUAByteString([])
        return OPCUAMessageHeader.frame(.open, body)
    }

    /// A MSG chunk of `type` carrying `payload` for `requestId`.
    mutating func message(
        requestId: UInt32, payload: ByteBuffer, chunkType: OPCUAMessageHeader.ChunkType = .final
    ) -> ByteBuffer {
        var chunk = ByteBuffer()
        OPCUAMessageHeader(messageType: .message, chunkType: chunkType, messageSize: 0).encode(to: &chunk)
        chunk.writeUA(channelId)
        chunk.writeUA(tokenId)
        chunk.writeUA(nextSequence())
        chunk.writeUA(requestId)
        chunk.writeImmutableBuffer(payload)
        chunk.setInteger(UInt32(chunk.readableBytes), at: 4, endianness: .little)
        return chunk
    }

    /// A response body: encoding id, a response header with `result`, then `rest`.
    static func response(
        _ encodingId: UInt32, result: OPCUAStatusCode = .good, rest: ByteBuffer = ByteBuffer()
    )
        -> ByteBuffer
    {
        var body = ByteBuffer()
        OPCUANodeId.numeric(encodingId).encode(to: &body)
        OPCUAResponseHeader(serviceResult: result).encode(to: &body)
        body.writeImmutableBuffer(rest)
        return body
    }

    mutating func nextSequence() -> UInt32 {
        defer { sequence += 1 }
        return sequence
    }

    /// A machine that went through Hello, Acknowledge and OpenSecureChannel with this server.
    mutating func openMachine() -> OPCUASecureChannelStateMachine {
        var machine = OPCUASecureChannelStateMachine(endpointURL: "opc.tcp://test:4840/")
        _ = machine.start()
        _ = machine.received(acknowledge(), now: .none)
        _ = machine.received(openResponse(requestId: 1), now: .none)
        return machine
    }
}
