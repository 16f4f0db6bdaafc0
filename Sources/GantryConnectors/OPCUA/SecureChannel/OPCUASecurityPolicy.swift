import NIOCore

/// How a secure channel protects its chunks (Part 6, 6.7): the policy URI sent in OpenSecureChannel, the
/// nonces, and the hooks that sign and encrypt what leaves and verify and decrypt what arrives.
///
/// The channel calls the hooks at fixed points and sizes its chunks by `overhead`, so a signing policy
/// (Basic256Sha256) adds keys and cryptography here without changing the chunking or the state machine.
public protocol OPCUASecurityPolicy: Sendable {
    /// The policy URI, `http://opcfoundation.org/UA/SecurityPolicy#None` for none.
    var uri: String { get }
    /// The message security mode requested in OpenSecureChannel.
    var securityMode: OPCUAMessageSecurityMode { get }
    /// The client certificate (DER) for the asymmetric security header, `nil` without one.
    var clientCertificate: [UInt8]? { get }
    /// The thumbprint of the server certificate the OPN is encrypted for, `nil` without encryption.
    var receiverCertificateThumbprint: [UInt8]? { get }

    /// A fresh client nonce for OpenSecureChannel (empty when the policy uses no keys).
    func makeClientNonce() -> [UInt8]
    /// Derives the symmetric keys once the server answered OpenSecureChannel with its nonce.
    mutating func establishKeys(clientNonce: [UInt8], serverNonce: [UInt8]) throws(ConnectorError)
    /// The bytes the policy adds to a chunk of `bodySize` plain bytes (padding and signature), so the chunker
    /// keeps every chunk within the negotiated buffer.
    func overhead(bodySize: Int, asymmetric: Bool) -> Int
    /// Signs and encrypts a chunk in place; `securedFrom` is where encryption starts (the sequence header).
    func secure(_ chunk: inout ByteBuffer, securedFrom: Int, asymmetric: Bool) throws(ConnectorError)
    /// Verifies and decrypts a received chunk, returning it without padding and signature.
    func open(_ chunk: ByteBuffer, securedFrom: Int, asymmetric: Bool) throws(ConnectorError) -> ByteBuffer
}

/// The MessageSecurityMode enumeration (Part 4, 7.20).
public enum OPCUAMessageSecurityMode: Int32, Hashable, Sendable {
    case none = 1, sign = 2, signAndEncrypt = 3
}
