import GantryCore
import Hummingbird

/// A grant as written in a request: `{"role": "operator", "path": "qingdao-mine/underground"}`.
struct GrantBody: Decodable {
    let grant: Grant

    enum CodingKeys: String, CodingKey, CaseIterable { case role, path }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        let role = try container.decode(String.self, forKey: .role)
        let path = try container.decode(String.self, forKey: .path)
        grant = try Grant(role: role, path: path)
    }
}

/// `POST /api/v1/users`.
struct UserCreateBody: Decodable {
    let username: String
    let password: String
    let grants: [Grant]

    enum CodingKeys: String, CodingKey, CaseIterable { case username, password, grants }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        password = try container.decode(String.self, forKey: .password)
        grants = try container.decode([GrantBody].self, forKey: .grants).map(\.grant)
    }
}

/// `PATCH /api/v1/users/{id}`: a new password, new grants (replacing the old), or both.
struct UserUpdateBody: Decodable {
    let password: String?
    let grants: [Grant]?

    enum CodingKeys: String, CodingKey, CaseIterable { case password, grants }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        password = try container.decodeIfPresent(String.self, forKey: .password)
        grants = try container.decodeIfPresent([GrantBody].self, forKey: .grants)?.map(\.grant)
    }
}

extension User: ResponseEncodable {}
