import Foundation
import GantryCore

/// An `assets` row as stored.
struct AssetRecord: Decodable {
    let id: String
    let path: String
    let level: String
    let name: String
    let equipmentType: String?
    let description: String
    let createdAt: Int64
    let updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, path, level, name, description
        case equipmentType = "equipment_type"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static let columns = "id, path, level, name, equipment_type, description, created_at, updated_at"

    func asset() throws(MetadataStoreError) -> Asset {
        guard let id = UUID(uuidString: id), let level = AssetLevel(rawValue: level) else {
            throw MetadataStoreError(.unavailable, "asset row '\(path)' is damaged")
        }
        do {
            return Asset(
                id: id, path: try AssetPath(path), name: name, level: level, type: equipmentType,
                description: description, createdAt: Timestamp(millisecondsSinceEpoch: createdAt),
                updatedAt: Timestamp(millisecondsSinceEpoch: updatedAt))
        } catch {
            throw MetadataStoreError(.unavailable, "asset row '\(path)' is damaged", cause: error)
        }
    }
}
