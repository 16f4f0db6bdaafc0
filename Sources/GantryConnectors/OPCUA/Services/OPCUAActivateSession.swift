import NIOCore

/// ActivateSession (Part 4, 5.6.3): proves the user's identity (anonymous or user name and password) and
/// makes the session usable.
struct OPCUAActivateSessionRequest: OPCUARequest {
    typealias Response = OPCUAActivateSessionResponse
    static let encodingId: UInt32 = 467

    var header = OPCUARequestHeader()
    var localeIds: [String?] = []
    var userIdentityToken: OPCUAExtensionObject

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUAString(nil)  // client signature: algorithm
        buffer.writeUAByteString(nil)  // and signature, none without a certificate
        buffer.writeUAArray([Int]()) { _, _ in }  // client software certificates
        buffer.writeUAArray(localeIds) { $0.writeUAString($1) }
        userIdentityToken.encode(to: &buffer)
        buffer.writeUAString(nil)  // user token signature: algorithm
        buffer.writeUAByteString(nil)  // and signature
    }
}

struct OPCUAActivateSessionResponse: OPCUAResponse {
    static let encodingId: UInt32 = 470
    static let serviceName = "ActivateSession"

    var header: OPCUAResponseHeader
    var serverNonce: [UInt8]?
    var results: [OPCUAStatusCode]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        serverNonce = try reader.byteString("server nonce")
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}

/// The identity tokens (Part 4, 7.41), by their binary encoding ids.
enum OPCUAIdentityToken {
    static let anonymousEncodingId: UInt32 = 321
    static let userNameEncodingId: UInt32 = 324

    struct Anonymous: OPCUAEncodable {
        var policyId: String?
        func encode(to buffer: inout ByteBuffer) {
            buffer.writeUAString(policyId)
        }
    }

    /// With SecurityPolicy None the password travels as plain UTF-8 bytes and no encryption algorithm.
    struct UserName: OPCUAEncodable {
        var policyId: String?
        var userName: String
        var password: [UInt8]
        var encryptionAlgorithm: String?

        func encode(to buffer: inout ByteBuffer) {
            buffer.writeUAString(policyId)
            buffer.writeUAString(userName)
            buffer.writeUAByteString(password)
            buffer.writeUAString(encryptionAlgorithm)
        }
    }
}

/// CloseSession (Part 4, 5.6.4): ends the session, deleting its subscriptions.
struct OPCUACloseSessionRequest: OPCUARequest {
    typealias Response = OPCUACloseSessionResponse
    static let encodingId: UInt32 = 473

    var header = OPCUARequestHeader()
    var deleteSubscriptions = true

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUABoolean(deleteSubscriptions)
    }
}

struct OPCUACloseSessionResponse: OPCUAResponse {
    static let encodingId: UInt32 = 476
    static let serviceName = "CloseSession"
    var header: OPCUAResponseHeader

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
    }
}
