import Foundation
import GantryCore
import Hummingbird

/// `POST /api/v1/devices`.
struct DeviceCreateBody: Decodable {
    let name: String
    let assetPath: AssetPath
    let description: String

    enum CodingKeys: String, CodingKey, CaseIterable { case name, assetPath, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        assetPath = try AssetPath(try container.decode(String.self, forKey: .assetPath))
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    }
}

/// `PATCH /api/v1/devices/{id}`.
struct DeviceUpdateBody: Decodable {
    let assetPath: AssetPath?
    let description: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case assetPath, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        assetPath = try container.decodeIfPresent(String.self, forKey: .assetPath).map { try AssetPath($0) }
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }
}

/// A device together with its password: answered once, at registration or rotation.
struct DeviceCredentialsResponse: ResponseEncodable {
    let id: UUID
    let name: String
    let assetPath: AssetPath
    let username: String
    let password: String
    let description: String
    let createdAt: Timestamp
    let updatedAt: Timestamp

    init(_ device: Device, password: String) {
        self.id = device.id
        self.name = device.name
        self.assetPath = device.assetPath
        self.username = device.username
        self.password = password
        self.description = device.description
        self.createdAt = device.createdAt
        self.updatedAt = device.updatedAt
    }
}

extension Device: ResponseEncodable {}

/// A device with its link status as the broker sees it now.
struct DeviceView: ResponseEncodable {
    let id: UUID
    let name: String
    let assetPath: AssetPath
    let username: String
    let description: String
    let createdAt: Timestamp
    let updatedAt: Timestamp
    let online: Bool
    let lastConnectedAt: Timestamp?
    let lastDisconnectedAt: Timestamp?

    init(_ device: Device, _ status: DevicePresence.Status) {
        self.id = device.id
        self.name = device.name
        self.assetPath = device.assetPath
        self.username = device.username
        self.description = device.description
        self.createdAt = device.createdAt
        self.updatedAt = device.updatedAt
        self.online = status.online
        self.lastConnectedAt = status.lastConnectedAt.map(Timestamp.init(millisecondsSinceEpoch:))
        self.lastDisconnectedAt = status.lastDisconnectedAt.map(Timestamp.init(millisecondsSinceEpoch:))
    }
}
