/// Every subscription the broker holds, as a trie over topic-filter levels, so a publish finds its
/// subscribers by walking the topic's levels once rather than testing every filter.
///
/// Each (subscriber, filter) pair is one subscription with its ``SubscriptionOptions`` and optional
/// subscription identifier. An index from subscriber to filters makes ending a session cost only that
/// session's subscriptions. `Subscriber` is whatever names a session (a client identifier, a session id).
/// The tree is a value: the broker owns one and mutates it from one place (an actor or an event loop).
public struct SubscriptionTree<Subscriber: Hashable & Sendable>: Sendable {
    /// One subscription as a session holds it: what the broker persists and restores with the session.
    public struct Subscription: Hashable, Sendable {
        /// The filter as subscribed, with its `$share/{ShareName}/` prefix for a shared subscription.
        public let filter: TopicFilter
        public let options: SubscriptionOptions
        /// The MQTT 5 subscription identifier sent with SUBSCRIBE, or nil.
        public let identifier: UInt32?
    }

    /// A non-shared subscription as a node keeps it. `identifiers` is `[identifier]` made once at subscribe
    /// time, so a delivery of this subscription alone shares the array instead of allocating one.
    struct Entry: Sendable {
        var options: SubscriptionOptions
        var identifier: UInt32?
        var identifiers: [UInt32]

        init(options: SubscriptionOptions, identifier: UInt32?) {
            self.options = options
            self.identifier = identifier
            self.identifiers = identifier.map { [$0] } ?? []
        }
    }

    /// The subscriptions whose filter ends at one trie node.
    struct NodeSubscriptions: TopicTrieValue, Sendable {
        /// Non-shared subscriptions by subscriber.
        var direct: [Subscriber: Entry] = [:]
        /// Shared subscriptions, one per share name; shares per filter are few, so an array.
        var shares: [SubscriptionMatch<Subscriber>.Share] = []

        var isEmpty: Bool { direct.isEmpty && shares.isEmpty }
    }

    var trie = TopicTrie<NodeSubscriptions>()
    var filtersBySubscriber: [Subscriber: Set<TopicFilter>] = [:]

    /// How many subscriptions there are, counting each (subscriber, filter) pair once, shared ones included.
    public internal(set) var count = 0

    /// An empty tree.
    public init() {}

    /// Whether there are no subscriptions.
    public var isEmpty: Bool { count == 0 }

    /// Every subscriber that holds at least one subscription.
    public var subscribers: some Collection<Subscriber> { filtersBySubscriber.keys }

    /// The subscription `subscriber` holds on exactly `filter`, or nil.
    /// - Complexity: O(levels of the filter).
    public func subscription(_ filter: TopicFilter, subscriber: Subscriber) -> Subscription? {
        guard let node = trie.find(filter.levels) else { return nil }
        let value = trie[value: node]
        if filter.isShared {
            guard let share = value.shares.first(where: { $0.filter == filter }),
                let member = share.members.first(where: { $0.subscriber == subscriber })
            else { return nil }
            return Subscription(filter: filter, options: member.options, identifier: member.identifier)
        }
        guard let entry = value.direct[subscriber] else { return nil }
        return Subscription(filter: filter, options: entry.options, identifier: entry.identifier)
    }

    /// Every subscription of `subscriber`, ordered by filter text, for persisting or showing a session.
    /// - Complexity: O(k · levels + k log k) for the subscriber's k subscriptions.
    public func subscriptions(of subscriber: Subscriber) -> [Subscription] {
        guard let filters = filtersBySubscriber[subscriber] else { return [] }
        return filters.compactMap { subscription($0, subscriber: subscriber) }.sorted {
            $0.filter.text.utf8.lexicographicallyPrecedes($1.filter.text.utf8)
        }
    }
}
