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

    public init(
        _ status: HTTPResponse.Status, title: String, type: String, detail: String, headers: HTTPFields = [:]
    ) {
        self.status = status
        self.title = title
        self.type = type
        self.detail = detail
        self.headers = headers
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
            instance: request.uri.path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(
            status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(document))))
    }
}

/// The JSON body of an error response (RFC 9457).
struct ProblemDocument: Codable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String
}
