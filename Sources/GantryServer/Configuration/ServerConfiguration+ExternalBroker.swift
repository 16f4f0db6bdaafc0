import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// External broker mode: the keys that make a node subscribe to someone else's broker instead of listening.
extension ServerConfiguration {
    /// The external broker to subscribe to, or nil when `mqtt.broker` is unset or empty (built-in broker).
    public var externalBroker: ExternalBrokerAddress? {
        get throws(ConfigurationError) {
            guard let text = mqttBroker?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return try ExternalBrokerAddress(url: text)
        }
    }

    /// The client id this node uses at the external broker: `mqtt.brokerClientID`, or `gantry-HOST-SUFFIX`
    /// where SUFFIX is derived from the data directory, so the same node on the same disk resumes its
    /// session after a restart, while two nodes (or two data directories on one host) never share one.
    public var externalBrokerClientID: String {
        if let id = mqttBrokerClientID, !id.isEmpty { return id }
        let directory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        // FNV-1a: stable across runs and builds, unlike Hasher.
        var hash: UInt32 = 2_166_136_261
        for byte in directory.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let suffix = String(hash, radix: 16)
        return "gantry-\(Self.hostName())-\(String(repeating: "0", count: 8 - suffix.count))\(suffix)"
    }

    /// The machine's host name, reduced to `[A-Za-z0-9-]` and 32 characters so the client id stays printable.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "node" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let cleaned = String(
            name.unicodeScalars.prefix(32).map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-": Character(scalar)
                default: "-"
                }
            })
        return cleaned.isEmpty ? "node" : cleaned
    }

    /// Checks the external broker keys; part of `validated()`.
    func validateExternalBroker() throws(ConfigurationError) {
        try validateExternalBrokerTLS(for: try externalBroker)
        guard !mqttBrokerGroup.isEmpty, !mqttBrokerGroup.contains(where: { "/+#".contains($0) }) else {
            throw ConfigurationError("mqtt.brokerGroup must be non-empty and hold no '/', '+' or '#'")
        }
        guard (1...3600).contains(mqttBrokerRetryMaximumSeconds) else {
            throw ConfigurationError(
                "mqtt.brokerRetryMaximumSeconds \(mqttBrokerRetryMaximumSeconds) is not 1-3600")
        }
        if let id = mqttBrokerClientID, id.utf8.count > 65535 {
            throw ConfigurationError("mqtt.brokerClientID must be at most 65535 bytes")
        }
    }
}
