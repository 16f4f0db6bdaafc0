import GantryCore
import Hummingbird

/// `POST /api/v1/assets`.
struct AssetCreateBody: Decodable {
    let path: AssetPath
    let name: String
    let type: String?
    let description: String

    enum CodingKeys: String, CodingKey, CaseIterable { case path, name, type, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        path = try AssetPath(try container.decode(String.self, forKey: .path))
        name = try container.decode(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    }
}

/// `PATCH /api/v1/assets/{id}`: the path, level and type of an asset are fixed.
struct AssetUpdateBody: Decodable {
    let name: String?
    let description: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }
}

extension Asset: ResponseEncodable {}
