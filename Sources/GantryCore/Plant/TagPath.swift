/// The full name of a tag: the path of the asset it belongs to, then the tag's own name,
/// as in `qingdao-mine/underground/haulage/loco-01/speed`.
public struct TagPath: Hashable, Sendable, CustomStringConvertible {
    /// The asset the tag measures or commands.
    public let asset: AssetPath
    /// The tag's name within its asset.
    public let name: String

    /// Parses a tag path; it needs at least an enterprise and a tag name.
    public init(_ text: String) throws(PlantModelError) {
        let path = try AssetPath(text)
        guard path.depth >= 2, let name = path.leaf else {
            throw PlantModelError(
                .invalidPath, "tag path '\(text)' needs an asset path and a tag name, like 'site/area/line/speed'")
        }
        self.asset = path.parent
        self.name = name
    }

    /// A tag called `name` on `asset`.
    public init(asset: AssetPath, name: String) throws(PlantModelError) {
        try AssetPath.validate(segment: name)
        self.asset = asset
        self.name = name
    }

    public var description: String { "\(asset)/\(name)" }
}

extension TagPath: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try TagPath(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
