import Foundation

/// A device's connector as stored: the protocol, whether it runs, and its configuration as a JSON document
/// owned by `GantryConnectors` (the store keeps it whole, as it keeps a command's record).
public struct StoredConnector: Sendable, Hashable, Decodable {
    public var deviceID: UUID
    /// `modbus` or `opcua`.
    public var `protocol`: String
    /// A stopped connector keeps its configuration and polls nothing.
    public var enabled: Bool
    public var configuration: String
    public var updatedAt: Int64

    public init(deviceID: UUID, protocol: String, enabled: Bool, configuration: String, updatedAt: Int64) {
        self.deviceID = deviceID
        self.protocol = `protocol`
        self.enabled = enabled
        self.configuration = configuration
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case `protocol`, enabled, configuration
        case deviceID = "device_id"
        case updatedAt = "updated_at"
    }

    static let columns = "device_id, protocol, enabled, configuration, updated_at"
}
