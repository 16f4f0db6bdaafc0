import NIOCore

/// CreateSession (Part 4, 5.6.2): opens a session on the secure channel; the response lists the endpoints and
/// the user token policies ActivateSession must quote.
struct OPCUACreateSessionRequest: OPCUARequest {
    typealias Response = OPCUACreateSessionResponse
    static let encodingId: UInt32 = 461

    var header = OPCUARequestHeader()
    var clientDescription = OPCUAApplicationDescription(
        applicationURI: "urn:gantry:opcua-client", productURI: "urn:gantry",
        applicationName: OPCUALocalizedText(text: "Gantry OPC UA connector"))
    var serverURI: String?
    var endpointURL: String?
    var sessionName: String?
    var clientNonce: [UInt8]?
    var clientCertificate: [UInt8]?
    /// Milliseconds the server keeps the session without requests.
    var requestedSessionTimeout: Double = 60_000
    var maxResponseMessageSize: UInt32 = 0

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        clientDescription.encode(to: &buffer)
        buffer.writeUAString(serverURI)
        buffer.writeUAString(endpointURL)
        buffer.writeUAString(sessionName)
        buffer.writeUAByteString(clientNonce)
        buffer.writeUAByteString(clientCertificate)
        buffer.writeUADouble(requestedSessionTimeout)
        buffer.writeUA(maxResponseMessageSize)
    }
}

struct OPCUACreateSessionResponse: OPCUAResponse {
    static let encodingId: UInt32 = 464
    static let serviceName = "CreateSession"

    var header: OPCUAResponseHeader
    var sessionId: OPCUANodeId
    var authenticationToken: OPCUANodeId
    var revisedSessionTimeout: Double
    var serverNonce: [UInt8]?
    var serverCertificate: [UInt8]?
    var serverEndpoints: [OPCUAEndpointDescription]
    var maxRequestMessageSize: UInt32

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        sessionId = try reader.read()
        authenticationToken = try reader.read()
        revisedSessionTimeout = try reader.double("revised session timeout")
        serverNonce = try reader.byteString("server nonce")
        serverCertificate = try reader.byteString("server certificate")
        serverEndpoints = try reader.array("server endpoints") { reader throws(ConnectorError) in
            try OPCUAEndpointDescription(from: &reader)
        }
        _ = try reader.array("server software certificates") { reader throws(ConnectorError) in
            try (reader.byteString("certificate data"), reader.byteString("signature"))
        }
        _ = try reader.string("server signature algorithm")
        _ = try reader.byteString("server signature")
        maxRequestMessageSize = try reader.integer("max request message size")
    }
}
