extension SubscriptionTree {
    /// Adds the subscription of `subscriber` to `filter`, or replaces it if one exists.
    ///
    /// Subscribing again to an identical filter completely replaces the subscription, options and identifier
    /// alike [MQTT-3.8.4-3]; a share member keeps its place in the round-robin order. The codec has already
    /// refused No Local on a shared subscription [MQTT-3.8.3-4] and an identifier of 0; the tree stores what
    /// it is given.
    /// - Returns: true if the subscription is new, which Retain Handling 1 needs: retained messages go out
    ///   only when the subscription did not exist before [MQTT-3.3.1-10].
    /// - Complexity: O(levels of the filter), amortized; O(members of the share) for a shared filter.
    @discardableResult
    public mutating func subscribe(
        _ filter: TopicFilter, subscriber: Subscriber, options: SubscriptionOptions, identifier: UInt32? = nil
    ) -> Bool {
        let node = trie.findOrInsert(filter.levels)
        let isNew: Bool
        if filter.isShared {
            let member = SubscriptionMatch<Subscriber>.Member(
                subscriber: subscriber, options: options, identifier: identifier)
            if let share = trie[value: node].shares.firstIndex(where: { $0.filter == filter }) {
                if let position = trie[value: node].shares[share].members.firstIndex(where: {
                    $0.subscriber == subscriber
                }) {
                    trie[value: node].shares[share].members[position] = member
                    isNew = false
                } else {
                    trie[value: node].shares[share].members.append(member)
                    isNew = true
                }
            } else {
                trie[value: node].shares.append(.init(filter: filter, members: [member]))
                isNew = true
            }
        } else {
            let entry = Entry(options: options, identifier: identifier)
            isNew = trie[value: node].direct.updateValue(entry, forKey: subscriber) == nil
        }
        if isNew {
            filtersBySubscriber[subscriber, default: []].insert(filter)
            count += 1
        }
        return isNew
    }

    /// Removes the subscription of `subscriber` to exactly `filter` (compared byte for byte, wildcards and
    /// share prefix included [MQTT-3.10.4-1]), and the trie nodes left empty.
    /// - Returns: false if there was none: MQTT 5 UNSUBACK then says 0x11 (no subscription existed).
    /// - Complexity: O(levels of the filter); O(members of the share) for a shared filter.
    @discardableResult
    public mutating func unsubscribe(_ filter: TopicFilter, subscriber: Subscriber) -> Bool {
        guard removeFromTrie(filter, subscriber: subscriber) else { return false }
        filtersBySubscriber[subscriber]?.remove(filter)
        if filtersBySubscriber[subscriber]?.isEmpty == true {
            filtersBySubscriber[subscriber] = nil
        }
        return true
    }

    /// Removes every subscription of `subscriber`, for a session that ends or starts clean.
    /// - Returns: how many subscriptions were removed.
    /// - Complexity: O(k · levels) for the subscriber's k subscriptions, whatever the size of the tree.
    @discardableResult
    public mutating func removeAll(subscriber: Subscriber) -> Int {
        guard let filters = filtersBySubscriber.removeValue(forKey: subscriber) else { return 0 }
        var removed = 0
        for filter in filters where removeFromTrie(filter, subscriber: subscriber) {
            removed += 1
        }
        return removed
    }

    /// Removes one subscription from its node and prunes; leaves the subscriber index to the caller.
    private mutating func removeFromTrie(_ filter: TopicFilter, subscriber: Subscriber) -> Bool {
        guard let node = trie.find(filter.levels) else { return false }
        if filter.isShared {
            guard let share = trie[value: node].shares.firstIndex(where: { $0.filter == filter }),
                let position = trie[value: node].shares[share].members.firstIndex(where: {
                    $0.subscriber == subscriber
                })
            else { return false }
            trie[value: node].shares[share].members.remove(at: position)
            if trie[value: node].shares[share].members.isEmpty {
                trie[value: node].shares.remove(at: share)
            }
        } else {
            guard trie[value: node].direct.removeValue(forKey: subscriber) != nil else { return false }
        }
        count -= 1
        trie.prune(from: node)
        return true
    }
}
