import Foundation
import GantryCore

/// A `devices` row as stored, with the hash of its secret.
struct DeviceRecord: Decodable {
    let id: String
    let name: String
    let assetPath: String
    let username: String
    let secretHash: String
    let description: String
    let createdAt: Int64
    let updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, name, username, description
        case assetPath = "asset_path"
        case secretHash = "secret_hash"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static let columns = "id, name, asset_path, username, secret_hash, description, created_at, updated_at"

    func device() throws(MetadataStoreError) -> Device {
        guard let id = UUID(uuidString: id) else {
            throw MetadataStoreError(.unavailable, "device row '\(username)' is damaged")
        }
        do {
            return Device(
                id: id, name: name, assetPath: try AssetPath(assetPath), username: username, description: description,
                createdAt: Timestamp(millisecondsSinceEpoch: createdAt),
                updatedAt: Timestamp(millisecondsSinceEpoch: updatedAt))
        } catch {
            throw MetadataStoreError(.unavailable, "device row '\(username)' is damaged", cause: error)
        }
    }
}
