import GantryControl
import GantryIngest
import GantryMQTT
import NIOCore

/// Takes device publishes on the control road off the broker: only a device's own reports and echoes,
/// small enough to be one, go to the control service; anything else on `gantry/control/…` is refused with a
/// reason code and never reaches ingest.
enum ControlMessageRouter {
    /// A report or an echo is a few hundred bytes.
    static let maximumPayload = 16 * 1024

    static func received(
        _ message: ApplicationMessage, from source: IngestSource, to inbox: ControlInbox, on eventLoop: any EventLoop
    ) -> EventLoopFuture<Void> {
        guard let topic = ControlTopic(message.topic), topic.kind.isFromDevice else {
            return eventLoop.makeFailedFuture(
                MQTTPublishRejection(.topicNameInvalid, "devices publish only report and heartbeat-echo control topics")
            )
        }
        guard source.name == "\(topic.enterprise).\(topic.device)" else {
            return eventLoop.makeFailedFuture(
                MQTTPublishRejection(.notAuthorized, "a device reports only on its own control topics"))
        }
        guard message.payload.readableBytes <= maximumPayload else {
            return eventLoop.makeFailedFuture(
                MQTTPublishRejection(.packetTooLarge, "a control report is at most 16 KiB"))
        }
        inbox.deliver(topic, Array(message.payload.readableBytesView))
        return eventLoop.makeSucceededVoidFuture()
    }
}
