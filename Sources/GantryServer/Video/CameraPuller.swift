import Foundation
import GantryCore
import Logging
import ServiceLifecycle

/// A camera that serves MJPEG itself (most IP cameras do), read by Gantry and fed into the relay like a
/// camera that pushes: configured as `cameras.sources` entries `EQUIPMENT CAMERA URL [AUTHORIZATION]`.
public struct CameraSource: Sendable, Hashable {
    public let camera: CameraID
    public let host: String
    public let port: Int
    /// The path with its query.
    public let path: String
    /// The `Authorization` header's value, when the camera wants one.
    public let authorization: String?

    /// Parses one `cameras.sources` entry; only `http://` (a camera on the plant network).
    public init(_ entry: String) throws(ConfigurationError) {
        let fields = entry.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        guard fields.count >= 3 else {
            throw ConfigurationError(
                "cameras.sources entry '\(entry)' must be 'EQUIPMENT CAMERA URL [AUTHORIZATION]'")
        }
        guard let url = URL(string: fields[2]), url.scheme == "http", let host = url.host, !host.isEmpty else {
            throw ConfigurationError("cameras.sources entry '\(entry)': the URL must be http://HOST[:PORT]/PATH")
        }
        do {
            camera = try CameraID(equipment: try AssetPath(fields[0]), name: fields[1])
        } catch {
            throw ConfigurationError("cameras.sources entry '\(entry)': \(error)")
        }
        self.host = host
        port = url.port ?? 80
        let query = url.query.map { "?" + $0 } ?? ""
        path = (url.path.isEmpty ? "/" : url.path) + query
        authorization = fields.count > 3 ? fields[3] : nil
    }
}

/// Reads every configured MJPEG camera and pushes its frames into the relay; a camera that drops or refuses
/// the connection is tried again with a growing pause (1 s to 30 s), and its viewers keep the last frame,
/// whose age tells them the picture is stale.
public struct CameraPuller: Service {
    let sources: [CameraSource]
    let relay: CameraRelay
    let logger: Logger

    public init(sources: [CameraSource], relay: CameraRelay, logger: Logger) {
        self.sources = sources
        self.relay = relay
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { tasks in
                for source in sources {
                    tasks.addTask { await pull(source) }
                }
            }
        }
    }

    private func pull(_ source: CameraSource) async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                let frames = try await MJPEGConnection.withStream(
                    host: source.host, port: source.port, path: source.path, authorization: source.authorization
                ) { reader -> Int in
                    guard reader.status == 200 else {
                        throw MJPEGStreamParser.Failure(description: "the camera answered \(reader.status)")
                    }
                    var frames = 0
                    while let part = try await reader.next() {
                        do {
                            try relay.push(part.body, to: source.camera)
                            frames += 1
                        } catch {
                            logger.debug(
                                "a pulled frame was refused",
                                metadata: ["camera": "\(source.camera)", "error": "\(error)"])
                        }
                    }
                    return frames
                }
                if frames > 0 { pause = .seconds(1) }
                logger.info("a camera's stream ended; reconnecting", metadata: ["camera": "\(source.camera)"])
            } catch {
                if Task.isCancelled { return }
                logger.warning(
                    "a camera could not be read; retrying",
                    metadata: [
                        "camera": "\(source.camera)", "error": "\(error)", "retry_s": "\(pause.components.seconds)",
                    ])
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(30))
        }
    }
}
