import NIOCore

/// SecurityPolicy None: no signature, no encryption, no keys. For plants whose OPC UA traffic stays on an
/// isolated cell network, and for the test peer.
public struct OPCUASecurityPolicyNone: OPCUASecurityPolicy {
    public static let uri = "http://opcfoundation.org/UA/SecurityPolicy#None"

    public init() {}

    public var uri: String { Self.uri }
    public var securityMode: OPCUAMessageSecurityMode { .none }
    public var clientCertificate: [UInt8]? { nil }
    public var receiverCertificateThumbprint: [UInt8]? { nil }

    public func makeClientNonce() -> [UInt8] { [] }

    public mutating func establishKeys(clientNonce: [UInt8], serverNonce: [UInt8]) throws(ConnectorError) {}

    public func overhead(bodySize: Int, asymmetric: Bool) -> Int { 0 }

    public func secure(_ chunk: inout ByteBuffer, securedFrom: Int, asymmetric: Bool) throws(ConnectorError) {}

    public func open(_ chunk: ByteBuffer, securedFrom: Int, asymmetric: Bool) throws(ConnectorError) -> ByteBuffer {
        chunk
    }
}
