import GantryCore
import GantryIngest
import GantryMQTT
import Metrics
import NIOCore

/// Takes camera frames that devices publish over MQTT to `gantry/camera/ENTERPRISE/DEVICE/CAMERA` and hands
/// them to the relay: the frame belongs to the equipment the device is bound to (its asset path).
///
/// Frames are not telemetry: they never reach ingest or the store. A topic for another device, a bad camera
/// name or a payload that is not a JPEG is counted on `gantry_video_refused_frames_total{reason}` and dropped
/// (a QoS 1 publish gets the reason in its PUBACK); nothing of it reaches viewers. MQTT 5 publishers may give
/// the capture time as the user property `capture-time` (epoch milliseconds).
struct CameraFrameIntake: Sendable {
    static let topicPrefix = "gantry/camera/"
    /// The user property that carries when the picture was taken.
    static let captureTimeProperty = "capture-time"
    let relay: CameraRelay

    /// Whether `topic` is a camera topic this type handles.
    static func handles(_ topic: String) -> Bool {
        topic.hasPrefix(topicPrefix)
    }

    func received(
        _ message: ApplicationMessage, source: IngestSource, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>?
    {
        do throws(VideoError) {
            let camera = try Self.camera(topic: message.topic, source: source)
            let capturedAt = message.properties.userProperties.last { $0.name == Self.captureTimeProperty }
                .flatMap { Int64($0.value) }
            try relay.push(message.payload, to: camera, capturedAt: capturedAt)
            return nil
        } catch {
            Counter(label: "gantry_video_refused_frames_total", dimensions: [("reason", error.code.description)])
                .increment()
            guard message.qos != .atMostOnce else { return nil }
            let code: ReasonCode =
                switch error.code {
                case .invalidCamera: .topicNameInvalid
                case .relayFull: .quotaExceeded
                case .tooLarge: .packetTooLarge
                default: .payloadFormatInvalid
                }
            return eventLoop.makeFailedFuture(MQTTPublishRejection(code, error.message))
        }
    }

    /// The camera a device's topic names: `gantry/camera/ENTERPRISE/DEVICE/CAMERA` where `ENTERPRISE.DEVICE` is
    /// the publishing device's login, on the device's asset.
    static func camera(topic: String, source: IngestSource) throws(VideoError) -> CameraID {
        let levels = topic.dropFirst(topicPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard levels.count == 3, "\(levels[0]).\(levels[1])" == source.name, let equipment = source.subtree else {
            throw VideoError(
                .invalidCamera, "camera frames go to \(topicPrefix)ENTERPRISE/DEVICE/CAMERA of the publishing device")
        }
        return try CameraID(equipment: equipment, name: String(levels[2]))
    }
}
