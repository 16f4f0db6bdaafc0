import Configuration
import GantryMQTT

/// The `mqtt.tls.*` keys: MQTT over TLS (and secure WebSocket) for devices that must not send
/// credentials and values in the clear, with optional client certificates as device identity.
///
/// TLS is on once a certificate and key are configured; the listeners then open on `port`
/// (8883 by convention) and, if set, `webSocketPort`.
public struct MQTTTLSSettings: Sendable, Equatable {
    /// `mqtt.tls.port`: MQTT over TLS; 0 turns it off even with a certificate.
    public var port: Int = 8883
    /// `mqtt.tls.webSocketPort`: MQTT over secure WebSocket (`wss://`) for browsers; 0 (default) is off.
    public var webSocketPort: Int = 0
    /// `mqtt.tls.certificate`: PEM file with the broker's certificate, then any intermediates.
    public var certificateFile: String?
    /// `mqtt.tls.privateKey`: PEM file with the certificate's private key.
    public var privateKeyFile: String?
    /// `mqtt.tls.clientCA`: PEM file with the CA that signs device certificates.
    public var clientCAFile: String?
    /// `mqtt.tls.clientCertificates`: `none`, `optional` or `required`; unset means `optional`
    /// when a client CA is configured and `none` otherwise.
    public var clientCertificates: MQTTTransportSecurity.ClientCertificates?
    /// The configured mode when it names none of the three, kept to be reported by `validate()`.
    private var unknownClientCertificates: String?

    public init() {}

    init(config: ConfigReader) {
        let defaults = MQTTTLSSettings()
        port = config.int(forKey: "mqtt.tls.port", default: defaults.port)
        webSocketPort = config.int(forKey: "mqtt.tls.webSocketPort", default: defaults.webSocketPort)
        certificateFile = config.string(forKey: "mqtt.tls.certificate")
        privateKeyFile = config.string(forKey: "mqtt.tls.privateKey")
        clientCAFile = config.string(forKey: "mqtt.tls.clientCA")
        if let mode = config.string(forKey: "mqtt.tls.clientCertificates") {
            clientCertificates = MQTTTransportSecurity.ClientCertificates(rawValue: mode)
            if clientCertificates == nil { unknownClientCertificates = mode }
        }
    }

    /// Whether TLS listeners run at all.
    public var isEnabled: Bool { certificateFile != nil }

    /// The client-certificate mode after defaults.
    var effectiveClientCertificates: MQTTTransportSecurity.ClientCertificates {
        clientCertificates ?? (clientCAFile == nil ? .none : .optional)
    }

    func validate() throws(ConfigurationError) {
        if let unknownClientCertificates {
            throw ConfigurationError(
                "mqtt.tls.clientCertificates '\(unknownClientCertificates)' is not none, optional or required")
        }
        guard (certificateFile == nil) == (privateKeyFile == nil) else {
            throw ConfigurationError("mqtt.tls.certificate and mqtt.tls.privateKey must be set together")
        }
        guard (0...65535).contains(port), (0...65535).contains(webSocketPort) else {
            throw ConfigurationError("mqtt.tls.port and mqtt.tls.webSocketPort must be 0-65535")
        }
        guard isEnabled || clientCAFile == nil else {
            throw ConfigurationError("mqtt.tls.clientCA needs mqtt.tls.certificate and mqtt.tls.privateKey")
        }
        if effectiveClientCertificates != .none, clientCAFile == nil {
            throw ConfigurationError(
                "mqtt.tls.clientCertificates \(effectiveClientCertificates.rawValue) needs mqtt.tls.clientCA")
        }
    }

    /// Loads the certificate files; a problem with them stops the start with the key to fix.
    func transportSecurity() throws(ConfigurationError) -> MQTTTransportSecurity? {
        guard let certificateFile, let privateKeyFile else { return nil }
        do {
            return try MQTTTransportSecurity(
                certificateChainFile: certificateFile, privateKeyFile: privateKeyFile, clientCAFile: clientCAFile,
                clientCertificates: effectiveClientCertificates)
        } catch {
            throw ConfigurationError(
                "mqtt.tls: cannot use certificate \(certificateFile), key \(privateKeyFile)"
                    + (clientCAFile.map { ", client CA \($0)" } ?? "") + ": \(error)")
        }
    }
}
