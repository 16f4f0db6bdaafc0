import NIOCore

/// OpenSecureChannel (Part 4, 5.5.2): issues the channel's first security token, or renews it before expiry.
struct OPCUAOpenSecureChannelRequest: OPCUARequest {
    typealias Response = OPCUAOpenSecureChannelResponse
    static let encodingId: UInt32 = 446

    enum RequestType: Int32 { case issue = 0, renew = 1 }

    var header = OPCUARequestHeader()
    var clientProtocolVersion: UInt32 = 0
    var requestType: RequestType
    var securityMode: OPCUAMessageSecurityMode
    var clientNonce: [UInt8]
    /// Milliseconds the token should live.
    var requestedLifetime: UInt32

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUA(clientProtocolVersion)
        buffer.writeUA(requestType.rawValue)
        buffer.writeUA(securityMode.rawValue)
        buffer.writeUAByteString(clientNonce)
        buffer.writeUA(requestedLifetime)
    }
}

/// The token a secure channel's chunks carry, and how long it lives.
struct OPCUAChannelSecurityToken: Hashable, Sendable {
    var channelId: UInt32
    var tokenId: UInt32
    var createdAt: OPCUADateTime
    /// Milliseconds, as revised by the server.
    var revisedLifetime: UInt32
}

struct OPCUAOpenSecureChannelResponse: OPCUAResponse {
    static let encodingId: UInt32 = 449
    static let serviceName = "OpenSecureChannel"

    var header: OPCUAResponseHeader
    var serverProtocolVersion: UInt32
    var securityToken: OPCUAChannelSecurityToken
    var serverNonce: [UInt8]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        serverProtocolVersion = try reader.integer("server protocol version")
        securityToken = OPCUAChannelSecurityToken(
            channelId: try reader.integer("channel id"), tokenId: try reader.integer("token id"),
            createdAt: try reader.read(), revisedLifetime: try reader.integer("revised lifetime"))
        serverNonce = try reader.byteString("server nonce") ?? []
    }
}

/// CloseSecureChannel (Part 4, 5.5.3): the goodbye; the server answers by closing the socket.
struct OPCUACloseSecureChannelRequest: OPCUAEncodable {
    static let encodingId: UInt32 = 452
    var header = OPCUARequestHeader()

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
    }
}
