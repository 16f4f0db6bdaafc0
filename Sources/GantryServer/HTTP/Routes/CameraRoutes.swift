import GantryCore
import GantryStorage
import HTTPTypes
import Hummingbird
import NIOCore

/// `/api/v1/cameras`: JPEG frames in from cameras, the latest frame and MJPEG streams out to viewers.
///
/// A camera is named like a tag: `?equipment=ASSET/PATH&camera=NAME`. Uploading needs the operator role on the
/// equipment, watching the viewer role; access is decided from the path asked before anything is looked up,
/// so a refusal tells nothing about what exists.
struct CameraRoutes {
    let relay: CameraRelay
    let store: MetadataStore

    /// The upload path, whose bodies may be as large as a frame rather than `http.maxBodyBytes`.
    static let framesPath = "/api/v1/cameras/frames"
    /// Optional upload header: when the picture was taken (RFC 3339 or epoch milliseconds).
    static let captureTimeHeader = HTTPField.Name("Gantry-Capture-Time")!

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/cameras") { request, context in
            let list = try ListParameters(request)
            let rights = try context.requirePrincipal().rights
            if let path = list.path,
                !rights.scopes(for: .viewer).contains(where: { path.isWithin($0) || $0.isWithin(path) })
            {
                throw AccessDenied(required: .viewer, path: path)
            }
            let all = relay.cameras { camera in
                rights.allows(.viewer, on: camera.equipment) && list.path.map { camera.equipment.isWithin($0) } ?? true
            }
            let page = all.dropFirst(list.offset).prefix(list.limit).map(CameraView.init)
            return ListResponse(Page(items: Array(page), total: all.count, limit: list.limit, offset: list.offset))
        }
        routes.post("api/v1/cameras/frames") { request, context in
            let camera = try Self.camera(request)
            try context.requirePrincipal().rights.require(.operator, on: camera.equipment)
            guard try await store.asset(path: camera.equipment) != nil else {
                throw MetadataStoreError(.notFound, "asset \(camera.equipment) does not exist")
            }
            if let type = request.headers[.contentType],
                type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() != "image/jpeg"
            {
                throw APIError(
                    .unsupportedMediaType, title: "Unsupported media type", type: "unsupported-media-type",
                    detail: "a frame is sent as image/jpeg, not \(type)")
            }
            let capturedAt = try Self.captureTime(request)
            let jpeg: ByteBuffer
            do {
                jpeg = try await request.body.collect(upTo: JPEGFrameCheck.maximumBytes)
            } catch is NIOTooManyBytesError {
                throw VideoError(.tooLarge, "the frame is larger than \(JPEGFrameCheck.maximumBytes) bytes")
            }
            let frame = try relay.push(jpeg, to: camera, capturedAt: capturedAt)
            return CameraFrameAccepted(
                equipment: camera.equipment.description, camera: camera.name, sequence: frame.sequence,
                capturedAt: frame.capturedAt, receivedAt: frame.receivedAt)
        }
        routes.get("api/v1/cameras/frame.jpg") { request, context in
            let camera = try Self.camera(request)
            try context.requirePrincipal().rights.require(.viewer, on: camera.equipment)
            guard let frame = relay.latest(of: camera) else { throw Self.noFrame(camera) }
            var headers: HTTPFields = [.contentType: "image/jpeg", .cacheControl: "no-store"]
            headers[HTTPField.Name("Gantry-Frame-Sequence")!] = "\(frame.sequence)"
            headers[HTTPField.Name("Gantry-Frame-Age-Ms")!] = "\(frame.age(at: relay.now()))"
            headers[HTTPField.Name("Gantry-Frame-Captured-At")!] = "\(frame.capturedAt)"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: frame.jpeg))
        }
        routes.get("api/v1/cameras/mjpeg") { request, context in
            let camera = try Self.camera(request)
            try context.requirePrincipal().rights.require(.viewer, on: camera.equipment)
            guard relay.latest(of: camera) != nil else { throw Self.noFrame(camera) }
            return Response(
                status: .ok,
                headers: [.contentType: MJPEGStream.contentType, .cacheControl: "no-store"],
                body: MJPEGStream.body(of: camera, relay: relay))
        }
    }

    /// The camera named by `equipment` and `camera`; a missing or malformed one is a 400 naming it.
    static func camera(_ request: Request) throws -> CameraID {
        let query = request.uri.queryParameters
        guard let equipment = query["equipment"].map(String.init), let name = query["camera"].map(String.init) else {
            throw APIError.badRequest("name the camera with the query parameters 'equipment' and 'camera'")
        }
        let path: AssetPath
        do {
            path = try AssetPath(equipment)
        } catch {
            throw APIError.badRequest("query parameter 'equipment': \(error.message)")
        }
        return try CameraID(equipment: path, name: name)
    }

    static func captureTime(_ request: Request) throws -> Int64? {
        guard let text = request.headers[captureTimeHeader] else { return nil }
        if let milliseconds = Int64(text) { return milliseconds }
        if let timestamp = Timestamp(rfc3339: text) { return timestamp.millisecondsSinceEpoch }
        throw APIError.badRequest("header Gantry-Capture-Time must be an RFC 3339 timestamp or epoch milliseconds")
    }

    static func noFrame(_ camera: CameraID) -> VideoError {
        VideoError(.unknownCamera, "camera '\(camera.name)' of \(camera.equipment) has sent no frame")
    }
}
