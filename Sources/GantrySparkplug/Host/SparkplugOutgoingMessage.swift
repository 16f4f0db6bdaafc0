/// A message the host application (or the simulated edge node) asks its MQTT client to publish.
///
/// Plain values rather than a GantryMQTT type, so this target stays free of any transport.
public struct SparkplugOutgoingMessage: Hashable, Sendable {
    public var topic: String
    public var payload: [UInt8]
    /// The MQTT QoS: 0 (at most once) or 1 (at least once) in Sparkplug.
    public var qos: UInt8
    public var retain: Bool

    public init(topic: String, payload: [UInt8], qos: UInt8, retain: Bool) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }
}
