import Foundation

/// A connected endpoint (gateway, PLC, sensor) bound to an asset; it logs in with its own credentials.
///
/// The device's secret is shown once when it is registered and only its hash is kept, so a leaked
/// database does not let anyone impersonate a device.
public struct Device: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    /// Unique within the enterprise, such as `loco-01-plc`.
    public let name: String
    /// The asset whose data the device sends; its access is confined to that subtree.
    public var assetPath: AssetPath
    /// The login name for protocol connections (MQTT and later), `enterprise.name`.
    public let username: String
    public var description: String
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: UUID, name: String, assetPath: AssetPath, username: String, description: String,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.assetPath = assetPath
        self.username = username
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The login name of a device called `name` in `enterprise`.
    public static func username(name: String, enterprise: String) -> String {
        "\(enterprise).\(name)"
    }
}
