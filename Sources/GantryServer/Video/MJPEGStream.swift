import Hummingbird
import NIOCore
import ServiceLifecycle

/// A camera as a `multipart/x-mixed-replace` stream of JPEG parts, the format browsers show in an `<img>`.
///
/// Each part carries `Content-Type: image/jpeg`, `Content-Length`, and the frame's `Gantry-Frame-Sequence`,
/// `Gantry-Frame-Age-Ms` (capture to sending), `Gantry-Frame-Captured-At` (epoch ms) and the viewer's
/// `Gantry-Frames-Dropped` so far. A part is written only when the previous one has been taken by the
/// connection, so a slow client gets the newest frame each time and never a queue of old ones.
public enum MJPEGStream {
    /// The multipart boundary; no JPEG part is scanned for it, since every part has a length.
    public static let boundary = "gantry-frame"
    /// The response's media type.
    public static let contentType = "multipart/x-mixed-replace; boundary=\(boundary)"

    /// The response body for a new viewer of `camera`, which must have sent a frame: the viewer is opened
    /// when the body starts and closed when it ends, so a response that is never written holds no viewer.
    /// The stream ends with the closing boundary when the server shuts down.
    static func body(of camera: CameraID, relay: CameraRelay) -> ResponseBody {
        ResponseBody { writer in
            guard let viewer = try? relay.openViewer(of: camera) else {
                try await writer.finish(nil)
                return
            }
            defer { relay.closeViewer(viewer) }
            try await withGracefulShutdownHandler {
                while let frame = await relay.nextFrame(for: viewer) {
                    let dropped = relay.statistics(of: viewer)?.dropped ?? 0
                    try await writer.write(part(frame, age: frame.age(at: relay.now()), dropped: dropped))
                }
                try await writer.write(ByteBuffer(string: "--\(boundary)--\r\n"))
                try await writer.finish(nil)
            } onGracefulShutdown: {
                relay.disconnect(viewer)
            }
        }
    }

    /// One part: boundary, headers, the JPEG and the line break before the next boundary.
    static func part(_ frame: CameraFrame, age: Int64, dropped: Int) -> ByteBuffer {
        let head =
            "--\(boundary)\r\nContent-Type: image/jpeg\r\nContent-Length: \(frame.jpeg.readableBytes)\r\n"
            + "Gantry-Frame-Sequence: \(frame.sequence)\r\nGantry-Frame-Age-Ms: \(age)\r\n"
            + "Gantry-Frame-Captured-At: \(frame.capturedAt)\r\nGantry-Frames-Dropped: \(dropped)\r\n\r\n"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(head.utf8.count + frame.jpeg.readableBytes + 2)
        buffer.writeString(head)
        buffer.writeImmutableBuffer(frame.jpeg)
        buffer.writeString("\r\n")
        return buffer
    }
}
