import Foundation
import NIOSSL

/// TLS towards an `mqtts://` external broker: which CA its certificate must chain to (`mqtt.brokerCA`), and the
/// certificate this node shows when the broker asks for one (`mqtt.brokerCertificate`, `mqtt.brokerPrivateKey`),
/// as plant brokers with a PKI of their own often do.
extension ServerConfiguration {
    /// Checks the TLS keys against the URL; part of `validated()`. Files are read later, by `externalBrokerTLS()`.
    ///
    /// - Throws: `ConfigurationError` when a key is set without an `mqtts://` broker (it would be ignored), or a
    ///   certificate comes without its key or the other way round.
    func validateExternalBrokerTLS(for address: ExternalBrokerAddress?) throws(ConfigurationError) {
        let given = [
            ("mqtt.brokerCA", mqttBrokerCA), ("mqtt.brokerCertificate", mqttBrokerCertificate),
            ("mqtt.brokerPrivateKey", mqttBrokerPrivateKey),
        ].filter { $0.1 != nil }.map(\.0)
        if !given.isEmpty, address?.usesTLS != true {
            throw ConfigurationError(
                "\(given.joined(separator: ", ")) set, but the broker TLS keys only apply to an mqtts:// "
                    + "mqtt.broker, and "
                    + (address == nil ? "no mqtt.broker is set" : "mqtt.broker is mqtt:// (no TLS)")
                    + ": use mqtts:// or remove them")
        }
        guard (mqttBrokerCertificate == nil) == (mqttBrokerPrivateKey == nil) else {
            throw ConfigurationError("mqtt.brokerCertificate and mqtt.brokerPrivateKey must be set together")
        }
    }

    /// The TLS settings of the connection to the external broker: nil for `mqtt://` (or no external broker).
    ///
    /// Full verification stays on: the broker's certificate must chain to `mqtt.brokerCA` (or the system's trust
    /// roots) and name the host of the URL. The files are read and a TLS context is built once here, so a missing
    /// file, or a key that does not fit its certificate, stops the start instead of failing every reconnect.
    ///
    /// - Throws: `ConfigurationError` naming the key whose file cannot be used.
    public func externalBrokerTLS() throws(ConfigurationError) -> TLSConfiguration? {
        guard let address = try externalBroker, address.usesTLS else { return nil }
        try validateExternalBrokerTLS(for: address)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let file = mqttBrokerCA {
            let authorities = try Self.readPEM("mqtt.brokerCA", file) { try NIOSSLCertificate.fromPEMFile($0) }
            guard !authorities.isEmpty else {
                throw ConfigurationError("mqtt.brokerCA: \(file) holds no PEM certificate")
            }
            tls.trustRoots = .certificates(authorities)
        }
        if let certificateFile = mqttBrokerCertificate, let keyFile = mqttBrokerPrivateKey {
            let chain = try Self.readPEM("mqtt.brokerCertificate", certificateFile) {
                try NIOSSLCertificate.fromPEMFile($0)
            }
            guard !chain.isEmpty else {
                throw ConfigurationError("mqtt.brokerCertificate: \(certificateFile) holds no PEM certificate")
            }
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(
                try Self.readPEM("mqtt.brokerPrivateKey", keyFile) { try NIOSSLPrivateKey(file: $0, format: .pem) })
        }
        do {
            _ = try NIOSSLContext(configuration: tls)
        } catch {
            throw ConfigurationError(
                mqttBrokerCertificate == nil
                    ? "mqtt.brokerCA: cannot build the TLS settings: \(error)"
                    : "mqtt.brokerCertificate and mqtt.brokerPrivateKey do not make a TLS identity "
                        + "(does the key belong to the certificate?): \(error)")
        }
        return tls
    }

    /// Reads one PEM file, mapping the TLS library's error to a `ConfigurationError` that names `key`.
    private static func readPEM<Value>(
        _ key: String, _ file: String, _ read: (String) throws -> Value
    ) throws(ConfigurationError) -> Value {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ConfigurationError("\(key): \(file) does not exist or cannot be read")
        }
        do {
            return try read(file)
        } catch {
            throw ConfigurationError("\(key): \(file) is not a usable PEM file: \(error)")
        }
    }
}
