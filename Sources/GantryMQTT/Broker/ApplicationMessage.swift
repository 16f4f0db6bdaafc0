import NIOCore

/// A message on its way through the broker: what a PUBLISH carried, minus the per-hop fields
/// (packet identifier, DUP, topic alias) that each connection sets for itself.
public struct ApplicationMessage: Sendable, Equatable {
    public var topic: String
    public var payload: ByteBuffer
    public var qos: QoS
    public var retain: Bool
    /// Properties forwarded to subscribers unchanged: payload format, content type, response
    /// topic, correlation data and user properties [MQTT-3.3.2-4], [MQTT-3.3.2-17].
    public var properties: Properties
    /// Broker clock (milliseconds) after which the message is no longer delivered [MQTT-3.3.2-5].
    public var expiresAt: UInt64?
    /// The client that published it, for No Local subscriptions; `nil` for the broker's own messages.
    public var publisher: String?

    public init(
        topic: String, payload: ByteBuffer, qos: QoS, retain: Bool = false, properties: Properties = Properties(),
        expiresAt: UInt64? = nil, publisher: String? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.properties = properties
        self.expiresAt = expiresAt
        self.publisher = publisher
    }

    /// The message from a client's PUBLISH received at `now`, keeping only what travels on.
    init(_ publish: PublishPacket, topic: String, publisher: String, now: UInt64) {
        var forwarded = Properties()
        forwarded.payloadFormatIndicator = publish.properties.payloadFormatIndicator
        forwarded.contentType = publish.properties.contentType
        forwarded.responseTopic = publish.properties.responseTopic
        forwarded.correlationData = publish.properties.correlationData
        forwarded.userProperties = publish.properties.userProperties
        self.init(
            topic: topic, payload: publish.payload, qos: publish.qos, retain: publish.retain, properties: forwarded,
            expiresAt: publish.properties.messageExpiryInterval.map { now + UInt64($0) * 1000 }, publisher: publisher)
    }

    /// Whether the message may no longer be sent at `now`.
    func hasExpired(at now: UInt64) -> Bool {
        guard let expiresAt else { return false }
        return now >= expiresAt
    }

    /// The PUBLISH that delivers this message, with the remaining expiry interval [MQTT-3.3.2-6].
    func publishPacket(
        qos: QoS, retain: Bool, packetID: UInt16?, subscriptionIdentifiers: [UInt32], now: UInt64
    )
        -> PublishPacket
    {
        var properties = self.properties
        properties.subscriptionIdentifiers = subscriptionIdentifiers
        if let expiresAt { properties.messageExpiryInterval = UInt32((expiresAt - min(now, expiresAt) + 999) / 1000) }
        return PublishPacket(
            topic: topic, payload: payload, qos: qos, retain: retain, packetID: packetID, properties: properties)
    }
}

/// How one subscriber gets one message: the outcome of matching its subscriptions.
public struct Delivery: Sendable, Equatable {
    /// The lower of the message's QoS and the highest granted QoS of the matching subscriptions.
    public var qos: QoS
    public var retain: Bool
    public var subscriptionIdentifiers: [UInt32]

    public init(qos: QoS, retain: Bool, subscriptionIdentifiers: [UInt32] = []) {
        self.qos = qos
        self.retain = retain
        self.subscriptionIdentifiers = subscriptionIdentifiers
    }
}
