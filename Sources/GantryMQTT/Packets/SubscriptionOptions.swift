/// What a client asked for with one topic filter in SUBSCRIBE (MQTT 5 §3.8.3.1; 3.1.1 has only the QoS).
public struct SubscriptionOptions: Sendable, Hashable {
    /// When retained messages are sent at subscribe time.
    public enum RetainHandling: UInt8, Sendable, Hashable {
        /// Send retained messages on every subscribe.
        case sendOnSubscribe = 0
        /// Send retained messages only when the subscription did not exist before.
        case sendOnNewSubscribe = 1
        /// Never send retained messages for this subscription.
        case doNotSend = 2
    }

    /// The highest QoS the client wants for deliveries on this filter.
    public var qos: QoS
    /// Do not deliver the client's own publishes back to it (MQTT 5 only; not allowed on shared subscriptions).
    public var noLocal: Bool
    /// Keep the RETAIN flag of forwarded messages as the publisher set it (MQTT 5 only).
    public var retainAsPublished: Bool
    public var retainHandling: RetainHandling

    public init(
        qos: QoS,
        noLocal: Bool = false,
        retainAsPublished: Bool = false,
        retainHandling: RetainHandling = .sendOnSubscribe
    ) {
        self.qos = qos
        self.noLocal = noLocal
        self.retainAsPublished = retainAsPublished
        self.retainHandling = retainHandling
    }
}
