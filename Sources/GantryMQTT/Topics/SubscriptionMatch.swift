/// Who receives a message published to one topic: what ``SubscriptionTree/match(_:publisher:)`` returns.
///
/// Non-shared subscriptions come merged, one ``Delivery`` per subscriber however many of its filters
/// matched; shared subscriptions come as one ``Share`` per shared filter, from which the broker sends the
/// message to one member (see ``SharedSubscriptionPicker``). A subscriber in a share and with its own
/// matching filter gets both: they are separate subscriptions.
public struct SubscriptionMatch<Subscriber: Hashable & Sendable>: Sendable {
    /// One copy of the message for one subscriber, merged over its overlapping non-shared subscriptions.
    public struct Delivery: Sendable {
        public let subscriber: Subscriber
        /// The highest QoS among the matching subscriptions [MQTT-3.3.4-2]; the message goes out at the
        /// lower of this and the published QoS [MQTT-3.8.4-8].
        public internal(set) var qos: QoS
        /// The identifiers of every matching subscription that has one, to send in the one PUBLISH
        /// [MQTT-3.3.4-3] [MQTT-3.3.4-4]; their order is not significant.
        public internal(set) var subscriptionIdentifiers: [UInt32]
        /// Whether the matching subscriptions all asked for No Local. One without it would still deliver
        /// the client's own message, so No Local holds only when all agree. A broker that passes `publisher`
        /// to ``SubscriptionTree/match(_:publisher:)`` has already had such subscriptions left out.
        public internal(set) var noLocal: Bool
        /// Whether any matching subscription asked for Retain As Published: the RETAIN flag is then kept as
        /// published [MQTT-3.3.1-13] rather than cleared [MQTT-3.3.1-12]. Any, because one copy goes out and
        /// a subscriber that asked for the flag on any of its filters expects to see it.
        public internal(set) var retainAsPublished: Bool
    }

    /// One member of a share: a subscriber and the options it subscribed to the shared filter with.
    public struct Member: Sendable {
        public let subscriber: Subscriber
        public internal(set) var options: SubscriptionOptions
        /// The subscription identifier to send if this member is picked, or nil.
        public internal(set) var identifier: UInt32?
    }

    /// A shared subscription that matched: the broker sends the message to one of ``members``, at the QoS
    /// that member was granted [MQTT-4.8.2-3].
    public struct Share: Sendable {
        /// The shared filter as subscribed, `$share/{ShareName}/{filter}`; it names the share.
        public let filter: TopicFilter
        /// The members in the order they joined, which round-robin picking follows.
        public internal(set) var members: [Member]
    }

    /// One entry per subscriber with a matching non-shared subscription, in no particular order.
    public internal(set) var deliveries: [Delivery] = []
    /// One entry per matching shared filter, in no particular order.
    public internal(set) var shares: [Share] = []

    /// Whether nobody subscribed to the topic; MQTT 5 PUBACK then says 0x10 (no matching subscribers).
    public var isEmpty: Bool { deliveries.isEmpty && shares.isEmpty }
}
