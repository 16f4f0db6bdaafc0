import NIOCore

/// The client's first message (Part 6, 7.1.2.3): its buffer sizes and limits, and the endpoint it wants.
struct OPCUAHello: Hashable, Sendable {
    var protocolVersion: UInt32 = 0
    var limits: OPCUATransportLimits
    var endpointURL: String

    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(protocolVersion)
        limits.encode(to: &buffer)
        buffer.writeUAString(endpointURL)
    }

    init(limits: OPCUATransportLimits, endpointURL: String) {
        self.limits = limits
        self.endpointURL = endpointURL
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        protocolVersion = try reader.integer("Hello protocol version")
        limits = try OPCUATransportLimits(from: &reader, in: "Hello")
        endpointURL = try reader.string("Hello endpoint URL") ?? ""
    }
}

/// The server's answer to Hello (Part 6, 7.1.2.4): the sizes both sides will keep to.
struct OPCUAAcknowledge: Hashable, Sendable {
    var protocolVersion: UInt32
    var limits: OPCUATransportLimits

    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(protocolVersion)
        limits.encode(to: &buffer)
    }

    init(protocolVersion: UInt32 = 0, limits: OPCUATransportLimits) {
        self.protocolVersion = protocolVersion
        self.limits = limits
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        protocolVersion = try reader.integer("Acknowledge protocol version")
        limits = try OPCUATransportLimits(from: &reader, in: "Acknowledge")
        try reader.expectEnd("Acknowledge")
    }
}

extension OPCUATransportLimits {
    /// The four sizes as Hello and Acknowledge both carry them, in this order.
    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(receiveBufferSize)
        buffer.writeUA(sendBufferSize)
        buffer.writeUA(maxMessageSize)
        buffer.writeUA(maxChunkCount)
    }

    /// Reads the four sizes of a `message` (Hello or Acknowledge), naming it in a truncation error.
    init(from reader: inout OPCUAReader, in message: String) throws(ConnectorError) {
        self.init(
            receiveBufferSize: try reader.integer("\(message) receive buffer size"),
            sendBufferSize: try reader.integer("\(message) send buffer size"),
            maxMessageSize: try reader.integer("\(message) max message size"),
            maxChunkCount: try reader.integer("\(message) max chunk count"))
    }
}
