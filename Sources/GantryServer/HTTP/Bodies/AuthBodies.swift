import GantryCore
import Hummingbird

/// `POST /api/v1/auth/login`.
struct LoginBody: Decodable {
    let username: String
    let password: String

    enum CodingKeys: String, CodingKey, CaseIterable { case username, password }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        password = try container.decode(String.self, forKey: .password)
    }
}

/// The answer to a successful sign-in.
struct LoginResponse: ResponseEncodable {
    let token: String
    let tokenType = "Bearer"
    let expiresAt: Timestamp
}

/// `POST /api/v1/me/password`.
struct PasswordChangeBody: Decodable {
    let currentPassword: String
    let newPassword: String

    enum CodingKeys: String, CodingKey, CaseIterable { case currentPassword, newPassword }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        currentPassword = try container.decode(String.self, forKey: .currentPassword)
        newPassword = try container.decode(String.self, forKey: .newPassword)
    }
}
