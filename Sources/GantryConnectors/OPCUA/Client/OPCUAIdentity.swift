/// Who the client logs in as when it activates its session (Part 4, 7.41).
public enum OPCUAIdentity: Hashable, Sendable, CustomStringConvertible {
    /// No user: the server's anonymous token policy.
    case anonymous
    /// A user name and password (UserNameIdentityToken). With SecurityPolicy None the password travels in
    /// plain text, as the server's token policy then asks for.
    case userName(String, password: String)

    /// Names the user, never the password.
    public var description: String {
        switch self {
        case .anonymous: "anonymous"
        case .userName(let name, _): "user \(name)"
        }
    }
}

extension OPCUAIdentity: Codable {
    private enum CodingKeys: String, CodingKey { case type, userName, password }

    /// `{"type": "anonymous"}` or `{"type": "userName", "userName": "…", "password": "…"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "anonymous":
            self = .anonymous
        case "userName":
            self = .userName(
                try container.decode(String.self, forKey: .userName),
                password: try container.decode(String.self, forKey: .password))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "identity type '\(other)' is not anonymous or userName")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .anonymous:
            try container.encode("anonymous", forKey: .type)
        case .userName(let name, let password):
            try container.encode("userName", forKey: .type)
            try container.encode(name, forKey: .userName)
            try container.encode(password, forKey: .password)
        }
    }
}
