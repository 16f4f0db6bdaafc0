import Foundation

/// Random secrets for device credentials, generated admin passwords and token-signing keys.
public enum SecretGenerator {
    /// `byteCount` random bytes from the system's generator, as URL-safe base64 without padding.
    public static func make(byteCount: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
