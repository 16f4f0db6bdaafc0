import Hummingbird

/// Refuses bodies larger than the configured limit before reading them, and tells the decoder the limit
/// for bodies that arrive without a length. Camera frames may be as large as the relay takes.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = GantryRequestContext
    let maxBodyBytes: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        let limit =
            request.uri.path == CameraRoutes.framesPath ? max(maxBodyBytes, JPEGFrameCheck.maximumBytes) : maxBodyBytes
        context.maxUploadSize = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(
                .contentTooLarge, title: "Body too large", type: "too-large",
                detail: "the request body has \(length) bytes; this server accepts at most \(limit)")
        }
        return try await next(request, context)
    }
}
