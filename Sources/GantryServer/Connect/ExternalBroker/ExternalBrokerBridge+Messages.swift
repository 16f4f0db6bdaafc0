import GantryIngest
import GantryMQTT
import NIOCore

/// What the bridge does with each message the broker delivers; runs on the connection's event loop, and the
/// future it returns says when to PUBACK (when the samples are durable, or refused for good).
extension ExternalBrokerBridge {
    func handle(
        _ message: PublishPacket, sequencer: SparkplugSequencer, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>?
    {
        guard message.topic.utf8.first != UInt8(ascii: "$") else { return nil }
        let identifiers = message.properties.subscriptionIdentifiers
        if message.topic.hasPrefix("spBv1.0/") {
            // Through the shared subscription a node's messages would be spread over the group: only the
            // host's plain subscription carries them in (a broker without identifiers: the host takes them).
            guard hostsSparkplug, identifiers.isEmpty || identifiers.contains(Self.sparkplugSubscription) else {
                return nil
            }
            countDelivered()
            return sparkplug(message, sequencer: sequencer, on: eventLoop)
        }
        countDelivered()
        return MQTTIngestHook.submit(message.topic, payload: message.payload, from: source, to: ingest, on: eventLoop)
            .flatMapErrorThrowing { [logger] error in
                // Acknowledged all the same (the future's error becomes the PUBACK's reason code): a message
                // that cannot be stored now would be refused again on every redelivery.
                logger.info(
                    "refused a message from the external MQTT broker",
                    metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
                throw error
            }
    }

    /// Looks up the edge node's device, then hands the message to the Sparkplug host, strictly in arrival
    /// order: a lookup may wait for the database, and the host must see a node's messages in sequence.
    private func sparkplug(
        _ message: PublishPacket, sequencer: SparkplugSequencer, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>
    {
        let nodes = self.nodes
        let sparkplug = self.sparkplug
        let logger = self.logger
        // The host takes the message inside the step, so the next message's step cannot overtake it.
        let handed = sequencer.after {
            nodes.source(for: message.topic, on: eventLoop).map { source -> EventLoopFuture<Void>? in
                guard let source else { return nil }
                return sparkplug.received(
                    ApplicationMessage(
                        topic: message.topic, payload: message.payload, qos: message.qos, retain: message.retain),
                    source: source, on: eventLoop)
            }
        }
        return handed.flatMap { stored in stored ?? eventLoop.makeSucceededVoidFuture() }
            .flatMapErrorThrowing { error in
                logger.info(
                    "refused a Sparkplug message from the external MQTT broker",
                    metadata: ["mqtt.topic": "\(message.topic)", "error": "\(error)"])
                throw error
            }
    }
}

/// Keeps the steps of successive Sparkplug messages of one connection in arrival order: each message's
/// step starts once the previous one's has finished. Confined to the connection's event loop.
final class SparkplugSequencer: Sendable {
    private let tail: NIOLoopBoundBox<EventLoopFuture<Void>>
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        self.tail = .makeBoxSendingValue(eventLoop.makeSucceededVoidFuture(), eventLoop: eventLoop)
    }

    /// Runs `step` after every step queued before it (whatever their outcome); call on the event loop.
    func after<Value: Sendable>(_ step: @escaping @Sendable () -> EventLoopFuture<Value>) -> EventLoopFuture<Value> {
        let next = tail.value.flatMap { step() }
        tail.value = next.map { _ in }.recover { _ in }
        return next
    }
}
