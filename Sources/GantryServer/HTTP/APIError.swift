import Foundation
import Hummingbird

/// An error as the API reports it: an RFC 9457 problem document with a precise `detail`.
///
/// Every failure reaches clients in this one shape; ``ProblemMiddleware`` maps the modules' typed errors
/// to it once, at the edge.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// A short, fixed summary of the problem type, such as "Validation failed".
    public let title: String
    /// The last part of the problem type URI, such as `validation`.
    public let type: String
    /// What exactly was wrong with this request, and how to fix it.
    public let detail: String
    /// Extra response headers, such as `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPFields = [:]
    /// Extension members of the problem document (RFC 9457 §3.2), such as a scheduling error's `code`, `job`
    /// and `operation`, so that a client can point at the place without parsing `detail`.
    public var members: [String: ProblemMember] = [:]

    public init(
        _ status: HTTPResponse.Status, title: String, type: String, detail: String, headers: HTTPFields = [:],
        members: [String: ProblemMember] = [:]
    ) {
        self.status = status
        self.title = title
        self.type = type
        self.detail = detail
        self.headers = headers
        self.members = members
    }

    /// A request the server cannot read: malformed JSON, a wrong type, an unknown field.
    public static func badRequest(_ detail: String) -> APIError {
        APIError(.badRequest, title: "Bad request", type: "bad-request", detail: detail)
    }

    /// The problem document's base: types are `/problems/<type>` relative to the server.
    static let typeBase = "/problems/"

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let document = ProblemDocument(
            type: Self.typeBase + type, title: title, status: Int(status.code), detail: detail,
            instance: request.uri.path, members: members)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(
            status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(document))))
    }
}

/// The value of a problem document's extension member.
public enum ProblemMember: Sendable, Hashable, Encodable {
    case string(String)
    case integer(Int)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        }
    }
}

/// The JSON body of an error response (RFC 9457), with any extension members beside the standard ones.
struct ProblemDocument: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String
    var members: [String: ProblemMember] = [:]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in members { try container.encode(value, forKey: AnyCodingKey(stringValue: key)) }
        try container.encode(type, forKey: AnyCodingKey(stringValue: "type"))
        try container.encode(title, forKey: AnyCodingKey(stringValue: "title"))
        try container.encode(status, forKey: AnyCodingKey(stringValue: "status"))
        try container.encode(detail, forKey: AnyCodingKey(stringValue: "detail"))
        try container.encode(instance, forKey: AnyCodingKey(stringValue: "instance"))
    }
}
