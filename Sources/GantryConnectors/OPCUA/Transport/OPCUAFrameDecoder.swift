import NIOCore

/// Cuts the TCP byte stream into whole chunks by the size in their header, refusing a size below the header's
/// own eight bytes or above the negotiated receive buffer before waiting for the bytes.
struct OPCUAFrameDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// The largest chunk accepted: the receive buffer size this client offered in Hello.
    let maximumChunkSize: Int

    mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard buffer.readableBytes >= OPCUAMessageHeader.length else { return nil }
        guard let size = buffer.getInteger(at: buffer.readerIndex + 4, endianness: .little, as: UInt32.self)
        else { return nil }
        guard size >= OPCUAMessageHeader.length else {
            throw ConnectorError(.protocolViolation, "OPC UA chunk claims \(size) bytes, less than its own header")
        }
        guard size <= maximumChunkSize else {
            throw ConnectorError(
                .protocolViolation,
                "OPC UA chunk of \(size) bytes is above the negotiated receive buffer of \(maximumChunkSize)")
        }
        return buffer.readSlice(length: Int(size))
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        if let frame = try decode(buffer: &buffer) { return frame }
        guard buffer.readableBytes == 0 else {
            let count = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: count)
            throw ConnectorError(.protocolViolation, "the connection closed inside an OPC UA chunk (\(count) bytes)")
        }
        return nil
    }
}
