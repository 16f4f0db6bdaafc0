import Hummingbird

/// A 202 answer: the work was queued; `Location` is where to follow it.
struct Accepted<Body: ResponseEncodable>: ResponseGenerator {
    let body: Body
    let location: String

    init(_ body: Body, location: String) {
        self.body = body
        self.location = location
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = .accepted
        response.headers[.location] = location
        return response
    }
}
