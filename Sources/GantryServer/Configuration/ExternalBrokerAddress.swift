import Foundation

/// Where an external MQTT broker is and how to log in to it, from `mqtt://[user[:password]@]host[:port]`.
///
/// Parsed once at start, so a typo stops `gantry serve` with a message instead of a node that
/// retries a broker that can never exist. The password stays out of `description`.
public struct ExternalBrokerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    /// The MQTT port a URL without one means.
    public static let defaultPort = 1883

    public init(
        host: String, port: Int = ExternalBrokerAddress.defaultPort, username: String? = nil, password: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Parses `mqtt://[user[:password]@]host[:port]`; user and password may be percent-encoded.
    ///
    /// - Throws: `ConfigurationError` naming `mqtt.broker` and what is wrong (scheme, host, port, path).
    public init(url text: String) throws(ConfigurationError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme else {
            throw ConfigurationError("mqtt.broker '\(Self.redacted(text))' is not a URL: use mqtt://host:port")
        }
        guard scheme.lowercased() == "mqtt" else {
            throw ConfigurationError(
                "mqtt.broker must be an mqtt:// URL, not \(scheme)://"
                    + (scheme.lowercased() == "mqtts" ? " (TLS to an external broker is not supported yet)" : ""))
        }
        guard let host = url.host, !host.isEmpty else {
            throw ConfigurationError("mqtt.broker '\(Self.redacted(text))' names no host: use mqtt://host:port")
        }
        guard url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil else {
            throw ConfigurationError(
                "mqtt.broker '\(Self.redacted(text))' must be mqtt://host:port with no path or query")
        }
        let port = url.port ?? Self.defaultPort
        guard (1...65535).contains(port) else {
            throw ConfigurationError("mqtt.broker port \(port) is not 1-65535")
        }
        self.init(
            host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host,
            port: port, username: url.user.flatMap { $0.isEmpty ? nil : $0 }, password: url.password)
    }

    public var description: String {
        "mqtt://\(username.map { "\($0)@" } ?? "")\(host.contains(":") ? "[\(host)]" : host):\(port)"
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
