import Hummingbird

/// Refuses bodies larger than the configured limit before reading them, and tells the decoder the limit
/// for bodies that arrive without a length.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = GantryRequestContext
    let maxBodyBytes: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        context.maxUploadSize = maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw APIError(
                .contentTooLarge, title: "Body too large", type: "too-large",
                detail: "the request body has \(length) bytes; this server accepts at most \(maxBodyBytes)")
        }
        return try await next(request, context)
    }
}
