import GantryMQTT
import GantrySparkplug
import NIOCore

/// Where the Sparkplug host's own messages (its STATE, NCMD rebirth requests) are published: the
/// built-in broker, or the connection to an external broker. Publishing never waits; a message
/// that cannot go out now is dropped (STATE is published again on every connect, a rebirth is
/// asked for again at the next gap).
protocol SparkplugOutlet: Sendable {
    func publish(_ message: SparkplugOutgoingMessage)
}

extension MQTTBroker: SparkplugOutlet {
    func publish(_ message: SparkplugOutgoingMessage) {
        publish(
            ApplicationMessage(
                topic: message.topic, payload: ByteBuffer(bytes: message.payload),
                qos: QoS(rawValue: message.qos) ?? .atMostOnce, retain: message.retain))
    }
}
