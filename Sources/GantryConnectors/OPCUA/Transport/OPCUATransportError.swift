import NIOCore

/// The server's ERR message (Part 6, 7.1.2.5): a status code and a reason, sent just before it closes the
/// connection (a Hello it rejects, a chunk too large, an unknown secure channel).
public struct OPCUATransportError: Hashable, Sendable, CustomStringConvertible {
    public var status: OPCUAStatusCode
    public var reason: String?

    public init(status: OPCUAStatusCode, reason: String?) {
        self.status = status
        self.reason = reason
    }

    public var description: String {
        guard let reason, !reason.isEmpty else { return status.description }
        return "\(status): \(reason)"
    }

    /// The connector error the waiting calls get: the server refused the connection, in its words.
    var connectorError: ConnectorError {
        ConnectorError(.refused, "the OPC UA server closed the connection with \(self)")
    }

    func encode(to buffer: inout ByteBuffer) {
        status.encode(to: &buffer)
        buffer.writeUAString(reason)
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        status = try reader.read()
        reason = try reader.string("error reason")
    }
}
