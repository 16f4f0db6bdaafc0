extension SubscriptionTree {
    /// Who receives a message published to `topic`.
    ///
    /// Walks the topic's levels once, following at each node the exact child, the `+` child and the `#`
    /// child; `#` also matches its parent level (`sport/#` matches `sport`), and no wildcard matches the
    /// first level of a `$` topic [MQTT-4.7.2-1]. Overlapping non-shared subscriptions of one subscriber
    /// merge into one ``SubscriptionMatch/Delivery`` at their highest QoS [MQTT-3.3.4-2] with all their
    /// identifiers [MQTT-3.3.4-3]; each matching shared filter comes as one ``SubscriptionMatch/Share``.
    ///
    /// - Parameter publisher: the session that published, if it is a subscriber: its non-shared
    ///   subscriptions with No Local are left out, so they add neither a delivery nor QoS nor identifiers
    ///   [MQTT-3.8.3-3]. Nil (a message from the platform itself, or a will) leaves nothing out.
    /// - Complexity: O(L · W + S) where L is the topic's levels, W the number of trie paths that match
    ///   along the way (1 without wildcard subscriptions) and S the subscriptions that match; no allocation
    ///   beyond the result when only one filter matches.
    public func match(_ topic: TopicName, publisher: Subscriber? = nil) -> SubscriptionMatch<Subscriber> {
        var collector = MatchCollector(publisher: publisher)
        // Buffer pointers for the walk, so nodes are read in place. Both arrays outlive the closures, and
        // every index the trie holds is in bounds.
        trie.nodes.withUnsafeBufferPointer { nodes in
            topic.levels.withUnsafeBufferPointer { levels in
                Self.collect(
                    nodes, from: TopicTrie<NodeSubscriptions>.root, levels, 0, topic.startsWithDollar, &collector)
            }
        }
        return collector.result
    }

    private typealias Nodes = UnsafeBufferPointer<TopicTrie<NodeSubscriptions>.Node>

    private static func collect(
        _ nodes: Nodes, from node: Int, _ levels: UnsafeBufferPointer<TopicLevel>, _ depth: Int,
        _ isDollarTopic: Bool, _ collector: inout MatchCollector
    ) {
        guard depth < levels.count else {
            collector.add(nodes[node].value)
            if let rest = nodes[node].multiLevel { collector.add(nodes[rest].value) }
            return
        }
        if depth > 0 || !isDollarTopic {
            if let rest = nodes[node].multiLevel { collector.add(nodes[rest].value) }
            if let any = nodes[node].singleLevel {
                collect(nodes, from: any, levels, depth + 1, isDollarTopic, &collector)
            }
        }
        if let exact = nodes[node].children[levels[depth]] {
            collect(nodes, from: exact, levels, depth + 1, isDollarTopic, &collector)
        }
    }

    /// Gathers matches into a ``SubscriptionMatch``, merging a subscriber's deliveries. The first node with
    /// non-shared subscriptions is copied straight in; the subscriber → position index is built only when a
    /// second one turns up.
    private struct MatchCollector {
        let publisher: Subscriber?
        var result = SubscriptionMatch<Subscriber>()
        var directNodes = 0
        var positions: [Subscriber: Int]?

        init(publisher: Subscriber?) { self.publisher = publisher }

        mutating func add(_ value: borrowing NodeSubscriptions) {
            if !value.shares.isEmpty { result.shares.append(contentsOf: value.shares) }
            guard !value.direct.isEmpty else { return }
            directNodes += 1
            if directNodes == 1 {
                result.deliveries.reserveCapacity(value.direct.count)
                for (subscriber, entry) in value.direct where !isLocalSkipped(subscriber, entry) {
                    result.deliveries.append(Self.delivery(subscriber, entry))
                }
                return
            }
            var index = positions ?? Self.index(result.deliveries)
            positions = nil  // `index` is now the only reference, so it grows in place
            for (subscriber, entry) in value.direct where !isLocalSkipped(subscriber, entry) {
                if let position = index[subscriber] {
                    result.deliveries[position].merge(entry)
                } else {
                    index[subscriber] = result.deliveries.count
                    result.deliveries.append(Self.delivery(subscriber, entry))
                }
            }
            positions = index
        }

        private static func index(_ deliveries: [SubscriptionMatch<Subscriber>.Delivery]) -> [Subscriber: Int] {
            var index: [Subscriber: Int] = [:]
            index.reserveCapacity(deliveries.count)
            for (position, delivery) in deliveries.enumerated() { index[delivery.subscriber] = position }
            return index
        }

        private func isLocalSkipped(_ subscriber: Subscriber, _ entry: Entry) -> Bool {
            entry.options.noLocal && publisher == subscriber
        }

        private static func delivery(_ subscriber: Subscriber, _ entry: Entry) -> SubscriptionMatch<Subscriber>.Delivery
        {
            .init(
                subscriber: subscriber, qos: entry.options.qos, subscriptionIdentifiers: entry.identifiers,
                noLocal: entry.options.noLocal, retainAsPublished: entry.options.retainAsPublished)
        }
    }
}

extension SubscriptionMatch.Delivery {
    /// Folds one more matching subscription of the same subscriber into this delivery.
    mutating func merge(_ entry: SubscriptionTree<Subscriber>.Entry) {
        qos = max(qos, entry.options.qos)
        subscriptionIdentifiers.append(contentsOf: entry.identifiers)
        noLocal = noLocal && entry.options.noLocal
        retainAsPublished = retainAsPublished || entry.options.retainAsPublished
    }
}
