import NIOCore

extension Packet {
    /// Reads one whole packet from the front of `buffer`, or returns `nil` and consumes nothing
    /// when the packet has not fully arrived.
    ///
    /// `version` is `nil` until CONNECT has been read: then only CONNECT is accepted
    /// [MQTT-3.1.0-1]. A remaining length above `maximumPacketSize` is refused as soon as the
    /// fixed header has arrived, before the body is buffered, so a huge packet costs no memory.
    public static func decode(
        from buffer: inout ByteBuffer, version: ProtocolVersion?, maximumPacketSize: Int = 268_435_460
    ) throws(MQTTPacketError) -> Packet? {
        guard let header = try FixedHeader.peek(buffer) else { return nil }
        let total = header.headerSize + header.remainingLength
        guard total <= maximumPacketSize else {
            throw MQTTPacketError(
                .tooLarge, .packetTooLarge,
                "\(header.type) of \(total) bytes exceeds the maximum packet size \(maximumPacketSize)")
        }
        guard buffer.readableBytes >= total else { return nil }
        buffer.moveReaderIndex(forwardBy: header.headerSize)
        var body = buffer.readSlice(length: header.remainingLength)!  // length checked above
        return try decodeBody(header, &body, version: version)
    }

    private static func decodeBody(
        _ header: FixedHeader, _ body: inout ByteBuffer, version: ProtocolVersion?
    )
        throws(MQTTPacketError) -> Packet
    {
        guard let version else {
            guard header.type == .connect else {
                throw .protocolViolation("first packet is \(header.type), not CONNECT [MQTT-3.1.0-1]")
            }
            return .connect(try ConnectPacket.decode(&body))
        }
        switch header.type {
        case .connect: throw .protocolViolation("second CONNECT on one connection [MQTT-3.1.0-2]")
        case .connack: return .connack(try ConnackPacket.decode(&body, version: version))
        case .publish: return .publish(try PublishPacket.decode(flags: header.flags, &body, version: version))
        case .puback: return .puback(try PublishAcknowledgement.decode(&body, version: version))
        case .pubrec: return .pubrec(try PublishAcknowledgement.decode(&body, version: version))
        case .pubrel: return .pubrel(try PublishAcknowledgement.decode(&body, version: version))
        case .pubcomp: return .pubcomp(try PublishAcknowledgement.decode(&body, version: version))
        case .subscribe: return .subscribe(try SubscribePacket.decode(&body, version: version))
        case .suback:
            return .suback(try SubscriptionAcknowledgement.decode(&body, version: version, unsubscribe: false))
        case .unsubscribe: return .unsubscribe(try UnsubscribePacket.decode(&body, version: version))
        case .unsuback:
            return .unsuback(try SubscriptionAcknowledgement.decode(&body, version: version, unsubscribe: true))
        case .pingreq, .pingresp:
            guard body.readableBytes == 0 else { throw .malformed("\(header.type) with a body") }
            return header.type == .pingreq ? .pingreq : .pingresp
        case .disconnect: return .disconnect(try DisconnectPacket.decode(&body, version: version))
        case .auth: return .auth(try AuthPacket.decode(&body, version: version))
        }
    }
}

/// The first byte and the remaining length of a packet (§2.1).
struct FixedHeader {
    var type: PacketType
    var flags: UInt8
    var remainingLength: Int
    var headerSize: Int

    /// Reads the fixed header without consuming it; `nil` while its bytes are incomplete.
    static func peek(_ buffer: ByteBuffer) throws(MQTTPacketError) -> FixedHeader? {
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
        guard let type = PacketType(rawValue: first >> 4) else {
            throw .malformed("packet type \(first >> 4) is reserved")
        }
        let flags = first & 0x0F
        if type != .publish, flags != type.requiredFlags {
            throw .malformed("\(type) with flags 0x\(String(flags, radix: 16)) [MQTT-2.1.3-1]")
        }
        var length = 0
        var shift = 0
        for offset in 1...4 {
            guard let byte = buffer.getInteger(at: buffer.readerIndex + offset, as: UInt8.self) else { return nil }
            length |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                return FixedHeader(type: type, flags: flags, remainingLength: length, headerSize: 1 + offset)
            }
            shift += 7
        }
        throw .malformed("remaining length longer than four bytes [MQTT-1.5.5]")
    }
}
