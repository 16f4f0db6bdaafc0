import NIOCore

/// The eight bytes in front of every OPC UA TCP chunk (Part 6, 7.1.2.2): three ASCII letters for the message
/// type, one for the chunk type, and the chunk's total size including the header.
struct OPCUAMessageHeader: Hashable, Sendable {
    /// What the chunk carries.
    enum MessageType: String, Sendable {
        case hello = "HEL", acknowledge = "ACK", error = "ERR", reverseHello = "RHE"
        case open = "OPN", message = "MSG", close = "CLO"
    }

    /// Where the chunk sits in its message: an intermediate chunk, the final one, or an abort.
    enum ChunkType: UInt8, Sendable {
        case intermediate = 0x43  // "C"
        case final = 0x46  // "F"
        case abort = 0x41  // "A"
    }

    static let length = 8

    var messageType: MessageType
    var chunkType: ChunkType
    var messageSize: UInt32

    func encode(to buffer: inout ByteBuffer) {
        buffer.writeString(messageType.rawValue)
        buffer.writeInteger(chunkType.rawValue)
        buffer.writeUA(messageSize)
    }

    init(messageType: MessageType, chunkType: ChunkType = .final, messageSize: UInt32) {
        self.messageType = messageType
        self.chunkType = chunkType
        self.messageSize = messageSize
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        let letters = try reader.slice("message type", count: 3)
        let text = String(decoding: letters.readableBytesView, as: UTF8.self)
        guard let type = MessageType(rawValue: text) else {
            throw ConnectorError(.protocolViolation, "unknown OPC UA message type '\(text.debugDescription)'")
        }
        let chunk = try reader.integer("chunk type", as: UInt8.self)
        guard let chunkType = ChunkType(rawValue: chunk) else {
            throw ConnectorError(.protocolViolation, "unknown OPC UA chunk type 0x\(String(chunk, radix: 16))")
        }
        messageType = type
        self.chunkType = chunkType
        messageSize = try reader.integer("message size")
    }

    /// Writes a whole chunk: this header with the right size, then `body`.
    static func frame(_ type: MessageType, _ body: ByteBuffer) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(length + body.readableBytes)
        OPCUAMessageHeader(messageType: type, messageSize: UInt32(length + body.readableBytes)).encode(to: &buffer)
        buffer.writeImmutableBuffer(body)
        return buffer
    }
}
