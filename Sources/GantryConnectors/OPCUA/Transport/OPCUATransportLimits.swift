/// The sizes a Hello offers and an Acknowledge settles (Part 6, 7.1.2.3): how large a chunk may be in each
/// direction, how large a whole message, and how many chunks one message may take (0 means no limit).
public struct OPCUATransportLimits: Hashable, Sendable {
    public var receiveBufferSize: UInt32
    public var sendBufferSize: UInt32
    public var maxMessageSize: UInt32
    public var maxChunkCount: UInt32

    public init(
        receiveBufferSize: UInt32 = 65_535, sendBufferSize: UInt32 = 65_535, maxMessageSize: UInt32 = 16 << 20,
        maxChunkCount: UInt32 = 256
    ) {
        self.receiveBufferSize = receiveBufferSize
        self.sendBufferSize = sendBufferSize
        self.maxMessageSize = maxMessageSize
        self.maxChunkCount = maxChunkCount
    }

    /// The smallest chunk the standard allows a peer to offer (Part 6, 7.1.2.3).
    static let minimumBufferSize: UInt32 = 8_192

    /// What this client may send and must accept once the server acknowledged `acknowledge`: chunks no larger
    /// than the server receives, messages and chunk counts within the server's limits.
    ///
    /// - Throws: `ConnectorError(.protocolViolation)` when the server offers buffers below the minimum or above
    ///   what the client proposed.
    func negotiated(with acknowledge: OPCUAAcknowledge) throws(ConnectorError) -> OPCUANegotiatedLimits {
        let server = acknowledge.limits
        guard server.receiveBufferSize >= Self.minimumBufferSize, server.sendBufferSize >= Self.minimumBufferSize
        else {
            throw ConnectorError(
                .protocolViolation,
                "the server acknowledged buffers of \(server.receiveBufferSize)/\(server.sendBufferSize) bytes, "
                    + "below the minimum of \(Self.minimumBufferSize)")
        }
        guard server.sendBufferSize <= receiveBufferSize else {
            throw ConnectorError(
                .protocolViolation,
                "the server wants to send chunks of \(server.sendBufferSize) bytes, above the \(receiveBufferSize) "
                    + "this client offered")
        }
        return OPCUANegotiatedLimits(
            sendChunkSize: Int(min(sendBufferSize, server.receiveBufferSize)),
            receiveChunkSize: Int(server.sendBufferSize),
            sendMaxMessageSize: Int(server.maxMessageSize), sendMaxChunkCount: Int(server.maxChunkCount),
            receiveMaxMessageSize: Int(maxMessageSize), receiveMaxChunkCount: Int(maxChunkCount))
    }
}

/// The limits in force on an acknowledged connection, in both directions; 0 means no limit.
struct OPCUANegotiatedLimits: Hashable, Sendable {
    var sendChunkSize: Int
    var receiveChunkSize: Int
    var sendMaxMessageSize: Int
    var sendMaxChunkCount: Int
    var receiveMaxMessageSize: Int
    var receiveMaxChunkCount: Int
}
