import Hummingbird

/// A 201 answer with the new record and its `Location`.
struct Created<Body: ResponseEncodable>: ResponseGenerator {
    let body: Body
    let location: String

    init(_ body: Body, location: String) {
        self.body = body
        self.location = location
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = .created
        response.headers[.location] = location
        return response
    }
}
