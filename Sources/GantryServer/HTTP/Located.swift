import Hummingbird

/// An answer that says where its subject now lives: 201 with a new record, or 202 with queued work to follow.
/// Either way the body is the record as it stands and `Location` is its address.
struct Located<Body: ResponseEncodable>: ResponseGenerator {
    let status: HTTPResponse.Status
    let body: Body
    let location: String

    /// 201: `body` was created at `location`.
    static func created(_ body: Body, location: String) -> Located {
        Located(status: .created, body: body, location: location)
    }

    /// 202: `body` was queued; follow it at `location`.
    static func accepted(_ body: Body, location: String) -> Located {
        Located(status: .accepted, body: body, location: location)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = status
        response.headers[.location] = location
        return response
    }
}
