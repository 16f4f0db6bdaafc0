import GantryCore
import Hummingbird

/// `POST /api/v1/tags`.
struct TagCreateBody: Decodable {
    let path: TagPath
    let dataType: TagDataType
    let unit: String
    let range: EngineeringRange
    let description: String

    enum CodingKeys: String, CodingKey, CaseIterable { case path, dataType, unit, min, max, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        path = try TagPath(try container.decode(String.self, forKey: .path))
        dataType = try TagDataType(parsing: try container.decode(String.self, forKey: .dataType))
        unit = try container.decodeIfPresent(String.self, forKey: .unit) ?? ""
        range = try EngineeringRange(
            min: try container.decodeIfPresent(Double.self, forKey: .min),
            max: try container.decodeIfPresent(Double.self, forKey: .max))
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    }
}

/// `PATCH /api/v1/tags/{id}`: `null` clears `min` or `max`; path and data type are fixed.
struct TagUpdateBody: Decodable {
    let unit: String?
    let min: FieldUpdate<Double>
    let max: FieldUpdate<Double>
    let description: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case unit, min, max, description }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        min = try container.decodeUpdate(Double.self, forKey: .min)
        max = try container.decodeUpdate(Double.self, forKey: .max)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }
}

extension Tag: ResponseEncodable {}
