import NIOCore

/// The client's first message (Part 6, 7.1.2.3): its buffer sizes and limits, and the endpoint it wants.
struct OPCUAHello: Hashable, Sendable {
    var protocolVersion: UInt32 = 0
    var limits: OPCUATransportLimits
    var endpointURL: String

    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(protocolVersion)
        buffer.writeUA(limits.receiveBufferSize)
        buffer.writeUA(limits.sendBufferSize)
        buffer.writeUA(limits.maxMessageSize)
        buffer.writeUA(limits.maxChunkCount)
        buffer.writeUAString(endpointURL)
    }

    init(limits: OPCUATransportLimits, endpointURL: String) {
        self.limits = limits
        self.endpointURL = endpointURL
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        protocolVersion = try reader.integer("Hello protocol version")
        limits = OPCUATransportLimits(
            receiveBufferSize: try reader.integer("Hello receive buffer size"),
            sendBufferSize: try reader.integer("Hello send buffer size"),
            maxMessageSize: try reader.integer("Hello max message size"),
            maxChunkCount: try reader.integer("Hello max chunk count"))
        endpointURL = try reader.string("Hello endpoint URL") ?? ""
    }
}

/// The server's answer to Hello (Part 6, 7.1.2.4): the sizes both sides will keep to.
struct OPCUAAcknowledge: Hashable, Sendable {
    var protocolVersion: UInt32
    var limits: OPCUATransportLimits

    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(protocolVersion)
        buffer.writeUA(limits.receiveBufferSize)
        buffer.writeUA(limits.sendBufferSize)
        buffer.writeUA(limits.maxMessageSize)
        buffer.writeUA(limits.maxChunkCount)
    }

    init(protocolVersion: UInt32 = 0, limits: OPCUATransportLimits) {
        self.protocolVersion = protocolVersion
        self.limits = limits
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        protocolVersion = try reader.integer("Acknowledge protocol version")
        limits = OPCUATransportLimits(
            receiveBufferSize: try reader.integer("Acknowledge receive buffer size"),
            sendBufferSize: try reader.integer("Acknowledge send buffer size"),
            maxMessageSize: try reader.integer("Acknowledge max message size"),
            maxChunkCount: try reader.integer("Acknowledge max chunk count"))
        try reader.expectEnd("Acknowledge")
    }
}
