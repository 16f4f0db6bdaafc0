import Foundation
import GantryCore

/// A `tags` row as stored.
struct TagRecord: Decodable {
    let id: String
    let path: String
    let dataType: String
    let unit: String
    let minValue: Double?
    let maxValue: Double?
    let description: String
    let createdAt: Int64
    let updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, path, unit, description
        case dataType = "data_type"
        case minValue = "min_value"
        case maxValue = "max_value"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    static let columns = "id, path, data_type, unit, min_value, max_value, description, created_at, updated_at"

    func tag() throws(MetadataStoreError) -> Tag {
        guard let id = UUID(uuidString: id), let dataType = TagDataType(rawValue: dataType) else {
            throw MetadataStoreError(.unavailable, "tag row '\(path)' is damaged")
        }
        do {
            return Tag(
                id: id, path: try TagPath(path), dataType: dataType, unit: unit,
                range: try EngineeringRange(min: minValue, max: maxValue), description: description,
                createdAt: Timestamp(millisecondsSinceEpoch: createdAt),
                updatedAt: Timestamp(millisecondsSinceEpoch: updatedAt))
        } catch {
            throw MetadataStoreError(.unavailable, "tag row '\(path)' is damaged", cause: error)
        }
    }
}
