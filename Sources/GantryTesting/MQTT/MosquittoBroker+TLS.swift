import Foundation

extension MosquittoBroker {
    /// A TLS listener's files and client-certificate policy, written as Mosquitto's per-listener options.
    public struct TLS: Sendable {
        /// `cafile`: the CA that client certificates must chain to.
        public var caFile: String
        /// `certfile` and `keyfile`: the broker's certificate and key.
        public var certificateFile: String
        public var keyFile: String
        /// `require_certificate true` with `use_identity_as_username true`: every client must show a certificate
        /// signed by `caFile`, and its common name becomes its user name (as plant brokers with a PKI run).
        public var requireCertificate: Bool

        public init(caFile: String, certificateFile: String, keyFile: String, requireCertificate: Bool = false) {
            self.caFile = caFile
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.requireCertificate = requireCertificate
        }

        /// The broker certificate of `certificates` (for `localhost` and 127.0.0.1, signed by its CA).
        public init(_ certificates: TestCertificates, requireCertificate: Bool = false) {
            self.init(
                caFile: certificates.caFile, certificateFile: certificates.serverCertificateFile,
                keyFile: certificates.serverKeyFile, requireCertificate: requireCertificate)
        }

        /// The lines that follow `listener PORT 127.0.0.1`. `user`: Mosquitto started as root drops to its own
        /// user before it reads the key, which the test's temporary files (mode 0600) would then refuse; staying
        /// whoever runs the test keeps them readable (the option does nothing for a non-root user).
        var listenerSettings: String {
            var lines = [
                "user \(ProcessInfo.processInfo.userName)", "cafile \(caFile)", "certfile \(certificateFile)",
                "keyfile \(keyFile)",
            ]
            if requireCertificate { lines += ["require_certificate true", "use_identity_as_username true"] }
            return lines.joined(separator: "\n")
        }
    }
}
