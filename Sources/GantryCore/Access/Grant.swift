/// A role held on an asset subtree: an operator of `qingdao-mine/underground` may operate everything
/// below it and nothing elsewhere. A grant on ``AssetPath/root`` (written `*`) covers the platform.
public struct Grant: Hashable, Sendable {
    public let role: Role
    public let scope: AssetPath

    public init(role: Role, scope: AssetPath) {
        self.role = role
        self.scope = scope
    }

    /// Parses a grant as written in requests: a role name and a path, or `*` for the whole platform.
    public init(role: String, path: String) throws(PlantModelError) {
        self.role = try Role(parsing: role)
        self.scope = path == Self.everywhere ? .root : try AssetPath(path)
    }

    /// How the platform-wide scope is written.
    public static let everywhere = "*"

    /// The scope as written in requests and responses.
    public var path: String { scope.isRoot ? Self.everywhere : scope.description }
}

extension Grant: Codable {
    private enum CodingKeys: String, CodingKey {
        case role, path
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let role = try container.decode(String.self, forKey: .role)
        let path = try container.decode(String.self, forKey: .path)
        do {
            self = try Grant(role: role, path: path)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(path, forKey: .path)
    }
}
