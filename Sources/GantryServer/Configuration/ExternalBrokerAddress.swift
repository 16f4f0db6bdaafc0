import Foundation

/// Where an external MQTT broker is and how to log in to it, from `mqtt://[user[:password]@]host[:port]`,
/// or `mqtts://…` for MQTT over TLS.
///
/// Parsed once at start, so a typo stops `gantry serve` with a message instead of a node that
/// retries a broker that can never exist. The password stays out of `description`.
public struct ExternalBrokerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// Whether the connection is MQTT over TLS (`mqtts://`); the broker's certificate must then name `host`.
    public var usesTLS: Bool

    /// The MQTT port an `mqtt://` URL without one means.
    public static let defaultPort = 1883
    /// The MQTT-over-TLS port an `mqtts://` URL without one means.
    public static let defaultTLSPort = 8883

    public init(
        host: String, port: Int = ExternalBrokerAddress.defaultPort, username: String? = nil, password: String? = nil,
        usesTLS: Bool = false
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.usesTLS = usesTLS
    }

    /// Parses `mqtt://[user[:password]@]host[:port]` or `mqtts://…` (port 8883 by default); user and password
    /// may be percent-encoded.
    ///
    /// - Throws: `ConfigurationError` naming `mqtt.broker` and what is wrong (scheme, host, port, path).
    public init(url text: String) throws(ConfigurationError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw ConfigurationError("mqtt.broker '\(Self.redacted(text))' is not a URL: use mqtt://host:port")
        }
        guard scheme == "mqtt" || scheme == "mqtts" else {
            throw ConfigurationError("mqtt.broker must be an mqtt:// or mqtts:// URL, not \(scheme)://")
        }
        let usesTLS = scheme == "mqtts"
        guard let host = url.host, !host.isEmpty else {
            throw ConfigurationError("mqtt.broker '\(Self.redacted(text))' names no host: use mqtt://host:port")
        }
        guard url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil else {
            throw ConfigurationError(
                "mqtt.broker '\(Self.redacted(text))' must be \(scheme)://host:port with no path or query")
        }
        let port = url.port ?? (usesTLS ? Self.defaultTLSPort : Self.defaultPort)
        guard (1...65535).contains(port) else {
            throw ConfigurationError("mqtt.broker port \(port) is not 1-65535")
        }
        self.init(
            host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host,
            port: port, username: url.user.flatMap { $0.isEmpty ? nil : $0 }, password: url.password,
            usesTLS: usesTLS)
    }

    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(usesTLS ? "mqtts" : "mqtt")://\(username.map { "\($0)@" } ?? "")\(host):\(port)"
    }

    /// The URL with any password blanked, for error messages and logs.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else {
            return text
        }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
