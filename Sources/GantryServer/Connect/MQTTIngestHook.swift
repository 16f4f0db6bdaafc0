import Foundation
import GantryControl
import GantryCore
import GantryIngest
import GantryMQTT
import Metrics
import NIOCore

/// Carries device publishes into ingest: unified-namespace topics become samples; the PUBACK
/// waits until they are durable, and a refusal comes back as the PUBACK's reason code.
struct MQTTIngestHook: MQTTPublishHook {
    let ingest: Ingest
    let sparkplug: SparkplugIngest
    let presence: DevicePresence
    let control: ControlInbox
    let cameras: CameraFrameIntake

    func connected(_ client: MQTTClientIdentity) {
        guard let source = client.attachment as? IngestSource else { return }
        let time = DevicePresence.now()
        if presence.connected(source.name, at: time) { announce(source, online: true, at: time) }
    }

    func disconnected(_ client: MQTTClientIdentity) {
        guard let source = client.attachment as? IngestSource else { return }
        let time = DevicePresence.now()
        if presence.disconnected(source.name, at: time) { announce(source, online: false, at: time) }
    }

    /// Tells live screens a device came or went; only a device's first connection and its last
    /// disconnection change what they show.
    private func announce(_ source: IngestSource, online: Bool, at time: Int64) {
        guard let asset = source.subtree else { return }
        ingest.live.publish([.device(LiveDeviceStatus(device: source.name, asset: asset, online: online, at: time))])
    }

    func received(
        _ message: ApplicationMessage, from client: MQTTClientIdentity, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>?
    {
        guard let source = client.attachment as? IngestSource, message.topic.utf8.first != UInt8(ascii: "$") else {
            return nil
        }
        if message.topic.hasPrefix("spBv1.0/") {
            return sparkplug.received(message, source: source, on: eventLoop)
        }
        if message.topic.hasPrefix(ControlTopic.root + "/") {
            return ControlMessageRouter.received(message, from: source, to: control, on: eventLoop)
        }
        if CameraFrameIntake.handles(message.topic) {
            return cameras.received(message, source: source, on: eventLoop)
        }
        return Self.submit(message.topic, payload: message.payload, from: source, to: ingest, on: eventLoop)
    }

    /// Submits one unified-namespace publish; the future completes when its sample is durable, or
    /// fails with the `MQTTPublishRejection` to acknowledge with. Shared with the external broker bridge.
    static func submit(
        _ topic: String, payload: ByteBuffer, from source: IngestSource, to ingest: Ingest, on eventLoop: any EventLoop
    ) -> EventLoopFuture<Void> {
        let receivedAt = Int64(Date().timeIntervalSince1970 * 1000)
        let sample: IngestSample
        do {
            sample = try UnifiedNamespacePayload.sample(
                topic: topic, payload: payload.readableBytesView, receivedAt: receivedAt)
        } catch {
            Counter(label: "gantry_ingest_rejected_samples_total", dimensions: [("reason", error.reason.description)])
                .increment()
            return eventLoop.makeFailedFuture(Self.rejection(error))
        }
        let promise = eventLoop.makePromise(of: Void.self)
        ingest.submit([sample], from: source) { result in
            switch result {
            case .success: promise.succeed()
            case .failure(let rejection): promise.fail(Self.rejection(rejection))
            }
        }
        return promise.futureResult
    }

    /// The MQTT 5 reason code a PUBACK carries for an ingest refusal.
    static func rejection(_ rejection: IngestRejection) -> MQTTPublishRejection {
        let code: ReasonCode =
            switch rejection.reason {
            case .invalidPayload: .payloadFormatInvalid
            case .notPermitted: .notAuthorized
            case .overloaded: .quotaExceeded
            case .storeFailed: .unspecifiedError
            default: .implementationSpecificError
            }
        return MQTTPublishRejection(code, rejection.description)
    }
}
