import NIOCore

/// Cuts the byte stream from a device into MBAP frames by their length field; a frame with an impossible
/// header, or bytes left over when the connection closes, is a protocol violation that closes the channel.
public struct ModbusFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ModbusFrame

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try ModbusFrame.decode(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        if try decode(context: context, buffer: &buffer) == .continue { return .continue }
        guard buffer.readableBytes == 0 else {
            let count = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: count)
            throw ConnectorError(.protocolViolation, "the connection ended inside a frame (\(count) bytes left)")
        }
        return .needMoreData
    }
}
