import GantryMQTT
import NIOCore

/// The bytes of a `LoadConnection`. PUBLISH in and PUBACK in are read in place from the received bytes; the
/// PUBACKs a subscriber owes are gathered and written once per read burst. Anything else is decoded with
/// Gantry's codec and answers the one request waiting (CONNACK, SUBACK).
final class LoadConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let version: ProtocolVersion
    let onPublish: (@Sendable (ByteBuffer) -> Void)?
    private var received: ByteBuffer?
    private var acknowledgements: ByteBuffer?
    private var waiting: EventLoopPromise<Packet>?
    private var context: ChannelHandlerContext?
    private var packetID: UInt16 = 0
    private(set) var unacknowledged = 0
    private(set) var refused = 0
    private(set) var unexpected = 0

    init(version: ProtocolVersion, onPublish: (@Sendable (ByteBuffer) -> Void)?) {
        self.version = version
        self.onPublish = onPublish
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelInactive(context: ChannelHandlerContext) {
        waiting?.fail(LoadConnectionError("the broker closed the connection"))
        waiting = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        waiting?.fail(error)
        waiting = nil
        context.close(promise: nil)
    }

    /// Writes `packet` and returns the next packet that is neither PUBLISH nor PUBACK.
    func request(_ packet: Packet, on loop: any EventLoop) -> EventLoopFuture<Packet> {
        guard let context else { return loop.makeFailedFuture(LoadConnectionError("the connection is closed")) }
        let promise = context.eventLoop.makePromise(of: Packet.self)
        waiting = promise
        context.writeAndFlush(NIOAny(packet.encoded(version: version, allocator: context.channel.allocator)))
            .cascadeFailure(to: promise)
        return promise.futureResult
    }

    func publish(
        topic: [UInt8], qos: QoS, count: Int, payloadSize: Int, payload: (inout ByteBuffer, Int) -> Void
    ) {
        guard let context, count > 0 else { return }
        let identified = qos != .atMostOnce
        let remaining = 2 + topic.count + (identified ? 2 : 0) + (version == .v5 ? 1 : 0) + payloadSize
        var buffer = context.channel.allocator.buffer(capacity: count * (remaining + 5))
        for index in 0..<count {
            buffer.writeInteger(UInt8(0x30 | (qos.rawValue << 1)))
            var length = remaining
            repeat {
                let byte = UInt8(length & 0x7F)
                length >>= 7
                buffer.writeInteger(length > 0 ? byte | 0x80 : byte)
            } while length > 0
            buffer.writeInteger(UInt16(topic.count))
            buffer.writeBytes(topic)
            if identified {
                packetID = packetID == .max ? 1 : packetID + 1
                buffer.writeInteger(packetID)
                unacknowledged += 1
            }
            if version == .v5 { buffer.writeInteger(UInt8(0)) }
            let start = buffer.writerIndex
            payload(&buffer, index)
            precondition(buffer.writerIndex - start == payloadSize, "a load payload must be \(payloadSize) bytes")
        }
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        if received == nil {
            received = bytes
        } else {
            var incoming = bytes
            received!.writeBuffer(&incoming)
        }
        while let frame = nextFrame() { handle(frame, context: context) }
        if received?.readableBytes == 0 {
            received = nil
        } else if let index = received?.readerIndex, index > 1 << 16 {
            received!.discardReadBytes()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if let owed = acknowledgements {
            acknowledgements = nil
            context.writeAndFlush(NIOAny(owed), promise: nil)
        }
        context.fireChannelReadComplete()
    }

    /// The next whole frame (fixed header included), or nil when it has not fully arrived.
    private func nextFrame() -> ByteBuffer? {
        guard let buffer = received, buffer.readableBytes >= 2 else { return nil }
        var length = 0
        var shift = 0
        var offset = 1
        while true {
            guard offset < buffer.readableBytes, offset <= 4,
                let byte = buffer.getInteger(at: buffer.readerIndex + offset, as: UInt8.self)
            else { return nil }
            length |= Int(byte & 0x7F) << shift
            shift += 7
            offset += 1
            if byte & 0x80 == 0 { break }
        }
        guard buffer.readableBytes >= offset + length else { return nil }
        return received!.readSlice(length: offset + length)
    }

    private func handle(_ frame: ByteBuffer, context: ChannelHandlerContext) {
        let first = frame.getInteger(at: frame.readerIndex, as: UInt8.self) ?? 0
        switch first >> 4 {
        case 3: delivered(frame, flags: first & 0x0F, context: context)
        case 4:
            unacknowledged -= 1
            // Header (2 bytes), packet id (2), then a reason code when the broker gives one.
            if frame.readableBytes > 4, let code = frame.getInteger(at: frame.readerIndex + 4, as: UInt8.self),
                code >= 0x80
            {
                refused += 1
            }
        default:
            var whole = frame
            guard let packet = try? Packet.decode(from: &whole, version: version) else {
                unexpected += 1
                return
            }
            if let waiting, [.connack, .suback].contains(packet.type) {
                self.waiting = nil
                waiting.succeed(packet)
            } else {
                unexpected += 1
            }
        }
    }

    /// A PUBLISH from the broker: hands its payload on and owes a PUBACK for QoS 1.
    private func delivered(_ frame: ByteBuffer, flags: UInt8, context: ChannelHandlerContext) {
        var body = frame
        body.moveReaderIndex(forwardBy: 1)
        while let byte = body.readInteger(as: UInt8.self), byte & 0x80 != 0 {}
        let qos = (flags >> 1) & 0x03
        guard let topicLength = body.readInteger(as: UInt16.self), body.readableBytes >= Int(topicLength) else {
            unexpected += 1
            return
        }
        body.moveReaderIndex(forwardBy: Int(topicLength))
        var id: UInt16 = 0
        if qos > 0 {
            guard let packetID = body.readInteger(as: UInt16.self) else {
                unexpected += 1
                return
            }
            id = packetID
        }
        if version == .v5 {
            var propertiesLength = 0
            var shift = 0
            while let byte = body.readInteger(as: UInt8.self) {
                propertiesLength |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            guard body.readableBytes >= propertiesLength else {
                unexpected += 1
                return
            }
            body.moveReaderIndex(forwardBy: propertiesLength)
        }
        onPublish?(body)
        guard qos == 1 else { return }
        if acknowledgements == nil { acknowledgements = context.channel.allocator.buffer(capacity: 256) }
        acknowledgements!.writeInteger(UInt8(0x40))
        acknowledgements!.writeInteger(UInt8(2))
        acknowledgements!.writeInteger(id)
    }
}
