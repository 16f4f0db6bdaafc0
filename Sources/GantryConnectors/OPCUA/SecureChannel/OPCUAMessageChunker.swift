import NIOCore

/// Splits an outgoing message body into chunks that fit the peer's receive buffer (Part 6, 6.7.2), each with its
/// header, security header, sequence header and the policy's protection.
struct OPCUAMessageChunker {
    let limits: OPCUANegotiatedLimits
    let policy: any OPCUASecurityPolicy

    /// The symmetric chunks of one MSG or CLO message.
    ///
    /// - Throws: `ConnectorError(.refused)` when the body is above the server's maximum message size or would
    ///   take more chunks than it accepts.
    func symmetricChunks(
        _ type: OPCUAMessageHeader.MessageType, body: ByteBuffer, channelId: UInt32, tokenId: UInt32,
        requestId: UInt32, sequence: inout OPCUASequenceNumbers
    ) throws(ConnectorError) -> [ByteBuffer] {
        let fixed = OPCUAMessageHeader.length + 8 + 8
        let room = limits.sendChunkSize - fixed - policy.overhead(bodySize: limits.sendChunkSize, asymmetric: false)
        guard room > 0 else {
            throw ConnectorError(.refused, "the server's receive buffer (\(limits.sendChunkSize) bytes) fits no data")
        }
        let size = body.readableBytes
        if limits.sendMaxMessageSize > 0, size > limits.sendMaxMessageSize {
            throw ConnectorError(
                .refused, "a request of \(size) bytes is above the server's maximum of \(limits.sendMaxMessageSize)")
        }
        let count = max(1, (size + room - 1) / room)
        if limits.sendMaxChunkCount > 0, count > limits.sendMaxChunkCount {
            throw ConnectorError(
                .refused, "a request of \(count) chunks is above the server's maximum of \(limits.sendMaxChunkCount)")
        }
        var rest = body
        var chunks: [ByteBuffer] = []
        for index in 0..<count {
            let piece = rest.readSlice(length: min(room, rest.readableBytes)) ?? ByteBuffer()
            var chunk = ByteBuffer()
            chunk.reserveCapacity(fixed + piece.readableBytes)
            let chunkType: OPCUAMessageHeader.ChunkType = index == count - 1 ? .final : .intermediate
            OPCUAMessageHeader(messageType: type, chunkType: chunkType, messageSize: 0).encode(to: &chunk)
            chunk.writeUA(channelId)
            chunk.writeUA(tokenId)
            let securedFrom = chunk.writerIndex
            chunk.writeUA(sequence.next())
            chunk.writeUA(requestId)
            chunk.writeImmutableBuffer(piece)
            try policy.secure(&chunk, securedFrom: securedFrom, asymmetric: false)
            chunk.setInteger(UInt32(chunk.readableBytes), at: 4, endianness: .little)
            chunks.append(chunk)
        }
        return chunks
    }

    /// The single OPN chunk of an OpenSecureChannel request, with the asymmetric security header.
    func openChunk(
        body: ByteBuffer, channelId: UInt32, requestId: UInt32, sequence: inout OPCUASequenceNumbers
    ) throws(ConnectorError) -> ByteBuffer {
        var chunk = ByteBuffer()
        OPCUAMessageHeader(messageType: .open, messageSize: 0).encode(to: &chunk)
        chunk.writeUA(channelId)
        chunk.writeUAString(policy.uri)
        chunk.writeUAByteString(policy.clientCertificate)
        chunk.writeUAByteString(policy.receiverCertificateThumbprint)
        let securedFrom = chunk.writerIndex
        chunk.writeUA(sequence.next())
        chunk.writeUA(requestId)
        chunk.writeImmutableBuffer(body)
        try policy.secure(&chunk, securedFrom: securedFrom, asymmetric: true)
        chunk.setInteger(UInt32(chunk.readableBytes), at: 4, endianness: .little)
        return chunk
    }
}
