import NIOCore

/// A service request this client sends, with the binary encoding id that goes in front of it and the response
/// it expects.
protocol OPCUARequest: OPCUAEncodable, Sendable {
    associatedtype Response: OPCUAResponse
    /// The `…Request_Encoding_DefaultBinary` NodeId's numeric identifier (namespace 0).
    static var encodingId: UInt32 { get }
    var header: OPCUARequestHeader { get set }
}

/// A service response this client understands.
protocol OPCUAResponse: OPCUADecodable, Sendable {
    static var encodingId: UInt32 { get }
    /// The service's name for messages (`Read`, `CreateSession`).
    static var serviceName: String { get }
    var header: OPCUAResponseHeader { get }
}

/// The body of a MSG: the encoding id of what follows, then the structure (Part 6, 7.1.2.6).
enum OPCUAServiceMessage {
    /// The ServiceFault a server sends instead of any response when the whole service failed.
    static let serviceFaultEncodingId: UInt32 = 397

    static func encode<Request: OPCUARequest>(_ request: Request) -> ByteBuffer {
        var buffer = ByteBuffer()
        OPCUANodeId.numeric(Request.encodingId).encode(to: &buffer)
        request.encode(to: &buffer)
        return buffer
    }

    /// Decodes `body` as `Response`, turning a ServiceFault or a bad service result into
    /// `ConnectorError(.refused)` named after the status code.
    ///
    /// - Throws: `.protocolViolation` when the body is some other message (an unknown service response) or does
    ///   not decode; the caller resets the connection.
    static func decode<Response: OPCUAResponse>(
        _ type: Response.Type, from body: ByteBuffer
    ) throws(ConnectorError) -> Response {
        var reader = OPCUAReader(body)
        let typeId = try OPCUANodeId(from: &reader)
        if typeId == .numeric(serviceFaultEncodingId) {
            let header = try OPCUAResponseHeader(from: &reader)
            throw refusal(Response.serviceName, header.serviceResult)
        }
        guard typeId == .numeric(Response.encodingId) else {
            throw ConnectorError(
                .protocolViolation,
                "expected a \(Response.serviceName) response (i=\(Response.encodingId)), the server sent \(typeId)")
        }
        let response = try Response(from: &reader)
        guard !response.header.serviceResult.isBad else {
            throw refusal(Response.serviceName, response.header.serviceResult)
        }
        return response
    }

    static func refusal(_ service: String, _ status: OPCUAStatusCode) -> ConnectorError {
        ConnectorError(.refused, "OPC UA \(service) refused by the server: \(status)")
    }
}
