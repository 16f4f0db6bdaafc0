import GantryCore
import Hummingbird

/// One tag template in `POST /api/v1/equipment-types`.
struct TagTemplateBody: Decodable {
    let template: EquipmentType.TagTemplate

    enum CodingKeys: String, CodingKey, CaseIterable { case name, dataType, unit, min, max, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        template = EquipmentType.TagTemplate(
            try container.decode(String.self, forKey: .name),
            try TagDataType(parsing: try container.decode(String.self, forKey: .dataType)),
            unit: try container.decodeIfPresent(String.self, forKey: .unit) ?? "",
            min: try container.decodeIfPresent(Double.self, forKey: .min),
            max: try container.decodeIfPresent(Double.self, forKey: .max),
            description: try container.decodeIfPresent(String.self, forKey: .description) ?? "")
    }
}

/// `POST /api/v1/equipment-types`.
struct EquipmentTypeCreateBody: Decodable {
    let type: EquipmentType

    enum CodingKeys: String, CodingKey, CaseIterable { case name, displayName, description, tags }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        type = EquipmentType(
            name: name, displayName: try container.decodeIfPresent(String.self, forKey: .displayName) ?? name,
            description: try container.decodeIfPresent(String.self, forKey: .description) ?? "",
            tags: try container.decode([TagTemplateBody].self, forKey: .tags).map(\.template))
    }
}

extension EquipmentType: ResponseEncodable {}
