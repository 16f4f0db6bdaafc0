import NIOSSL

/// TLS for a listener: the broker's certificate and key, and whether clients show certificates of
/// their own (mutual TLS, the usual device identity in plants that run a PKI).
///
/// The context is built once, when the listener is configured, so a wrong path or a key that does
/// not match its certificate stops the start instead of failing each handshake.
public struct MQTTTransportSecurity: Sendable {
    /// Whether clients present certificates, and what a verified one means.
    public enum ClientCertificates: String, Sendable, CaseIterable {
        /// Client certificates are not asked for; clients log in with user name and password.
        case none
        /// A client may present a certificate; if it does, it must chain to the client CA, and its
        /// subject's common name is handed to the authenticator as the client's identity.
        case optional
        /// Every client must present a certificate that chains to the client CA.
        case required
    }

    let context: NIOSSLContext
    public let clientCertificates: ClientCertificates

    /// Loads PEM files and builds the TLS context (TLS 1.2 and later).
    ///
    /// - Parameters:
    ///   - certificateChain: the broker's certificate, then any intermediates.
    ///   - privateKey: the key of the first certificate.
    ///   - clientCAFile: the CA that signs device certificates; without it, presented certificates are
    ///     checked against the system's trust roots.
    /// - Throws: the TLS library's error when a file is missing or unreadable, or the key does not fit.
    public init(
        certificateChainFile: String, privateKeyFile: String, clientCAFile: String?,
        clientCertificates: ClientCertificates
    ) throws {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificateChainFile).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAFile {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCAFile))
        }
        switch clientCertificates {
        case .none: configuration.certificateVerification = .none
        case .optional: configuration.certificateVerification = .optionalVerification
        case .required: configuration.certificateVerification = .noHostnameVerification
        }
        self.context = try NIOSSLContext(configuration: configuration)
        self.clientCertificates = clientCertificates
    }

    /// Whether a certificate the client presented has been checked against the client CA, so its
    /// name may stand for the client.
    var verifiesClientCertificates: Bool { clientCertificates != .none }
}
