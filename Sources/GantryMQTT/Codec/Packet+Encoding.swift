import NIOCore

extension Packet {
    /// Appends the packet's bytes to `buffer` as `version` writes them.
    ///
    /// The body is written first, five bytes on, and the fixed header is placed right before it
    /// once the remaining length is known, so no packet is copied. `buffer` must be empty (a fresh
    /// buffer per packet): the reader index moves past the unused header room.
    public func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        precondition(buffer.readableBytes == 0, "Packet.encode(into:) needs an empty buffer")
        buffer.writeRepeatingByte(0, count: 5)
        let bodyStart = buffer.writerIndex
        let first = writeBody(into: &buffer, version: version)
        let length = buffer.writerIndex - bodyStart
        let lengthSize = variableByteIntegerSize(length)
        let headerStart = bodyStart - 1 - lengthSize
        buffer.setInteger(first, at: headerStart)
        var value = length
        for index in 0..<lengthSize {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            buffer.setInteger(byte, at: headerStart + 1 + index)
        }
        buffer.moveReaderIndex(to: headerStart)
    }

    /// The packet's bytes in a buffer of their own.
    public func encoded(version: ProtocolVersion, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer
    {
        var capacity = 64
        if case .publish(let publish) = self {
            // Header room, topic, identifier, an empty property block and the payload: one allocation.
            capacity = 5 + 2 + publish.topic.utf8.count + 2 + 1 + publish.payload.readableBytes
        }
        var buffer = allocator.buffer(capacity: capacity)
        encode(into: &buffer, version: version)
        return buffer
    }

    /// Writes the variable header and payload; returns the first byte of the fixed header.
    private func writeBody(into buffer: inout ByteBuffer, version: ProtocolVersion) -> UInt8 {
        let type = self.type
        var flags = type.requiredFlags
        switch self {
        case .connect(let packet): packet.encode(into: &buffer)
        case .connack(let packet): packet.encode(into: &buffer, version: version)
        case .publish(let packet):
            flags = packet.flags
            packet.encode(into: &buffer, version: version)
        case .puback(let packet), .pubrec(let packet), .pubrel(let packet), .pubcomp(let packet):
            packet.encode(into: &buffer, version: version)
        case .subscribe(let packet): packet.encode(into: &buffer, version: version)
        case .suback(let packet): packet.encode(into: &buffer, version: version, unsubscribe: false)
        case .unsubscribe(let packet): packet.encode(into: &buffer, version: version)
        case .unsuback(let packet): packet.encode(into: &buffer, version: version, unsubscribe: true)
        case .pingreq, .pingresp: break
        case .disconnect(let packet): packet.encode(into: &buffer, version: version)
        case .auth(let packet): packet.encode(into: &buffer)
        }
        return type.rawValue << 4 | flags
    }
}
