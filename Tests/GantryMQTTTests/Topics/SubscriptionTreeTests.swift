import Testing

@testable import GantryMQTT

@Suite struct SubscriptionTreeTests {
    typealias Tree = SubscriptionTree<String>

    private func delivery(
        _ match: SubscriptionMatch<String>, to subscriber: String
    )
        -> SubscriptionMatch<String>.Delivery?
    {
        match.deliveries.first { $0.subscriber == subscriber }
    }

    @Test func overlappingSubscriptionsDeliverOnceAtTheHighestQoSWithEveryIdentifier() throws {
        var tree = Tree()
        tree.subscribe(try TopicFilter("sport/#"), subscriber: "a", options: .init(qos: .atMostOnce), identifier: 1)
        tree.subscribe(
            try TopicFilter("sport/+/player1"), subscriber: "a", options: .init(qos: .exactlyOnce), identifier: 2)
        tree.subscribe(try TopicFilter("sport/tennis/player1"), subscriber: "a", options: .init(qos: .atLeastOnce))
        tree.subscribe(try TopicFilter("#"), subscriber: "b", options: .init(qos: .atLeastOnce))

        let match = tree.match(try TopicName("sport/tennis/player1"))
        #expect(match.deliveries.count == 2)
        let a = try #require(delivery(match, to: "a"))
        #expect(a.qos == .exactlyOnce)  // [MQTT-3.3.4-2]
        #expect(a.subscriptionIdentifiers.sorted() == [1, 2])  // [MQTT-3.3.4-3]
        let b = try #require(delivery(match, to: "b"))
        #expect(b.qos == .atLeastOnce)
        #expect(b.subscriptionIdentifiers.isEmpty)
        #expect(match.shares.isEmpty)
    }

    @Test(arguments: [
        ("sport/#", "sport", true),
        ("sport/+", "sport/", true),
        ("+/+/+", "//", true),
        ("a/+/c", "a//c", true),
        ("#", "$SYS/uptime", false),
        ("+/uptime", "$SYS/uptime", false),
        ("$SYS/#", "$SYS/uptime", true),
        ("$SYS/#", "$SYS", true),
        ("+/#", "a", true),
        ("caf\u{E9}", "cafe\u{301}", false),
    ])
    func treeFollowsTheMatchingRules(filter: String, topic: String, matches: Bool) throws {
        var tree = Tree()
        tree.subscribe(try TopicFilter(filter), subscriber: "a", options: .init(qos: .atLeastOnce))
        #expect(tree.match(try TopicName(topic)).isEmpty == !matches)
    }

    @Test func dollarTopicsReachOnlyFiltersThatStartWithDollar() throws {
        var tree = Tree()
        for (subscriber, filter) in [("all", "#"), ("plus", "+/uptime"), ("sys", "$SYS/#"), ("exact", "$SYS/uptime")] {
            tree.subscribe(try TopicFilter(filter), subscriber: subscriber, options: .init(qos: .atMostOnce))
        }
        let match = tree.match(try TopicName("$SYS/uptime"))
        #expect(Set(match.deliveries.map(\.subscriber)) == ["sys", "exact"])  // [MQTT-4.7.2-1]
        #expect(Set(tree.match(try TopicName("plant/uptime")).deliveries.map(\.subscriber)) == ["all", "plus"])
    }

    @Test func subscribingAgainReplacesTheSubscription() throws {
        var tree = Tree()
        let filter = try TopicFilter("line/+/speed")
        var isNew = tree.subscribe(filter, subscriber: "a", options: .init(qos: .atMostOnce), identifier: 7)
        #expect(isNew)
        // [MQTT-3.8.4-3]: an identical filter replaces options and identifier; not new, for Retain Handling 1.
        isNew = tree.subscribe(filter, subscriber: "a", options: .init(qos: .exactlyOnce, retainAsPublished: true))
        #expect(!isNew)
        #expect(tree.count == 1)
        let subscription = try #require(tree.subscription(filter, subscriber: "a"))
        #expect(subscription.options.qos == .exactlyOnce)
        #expect(subscription.identifier == nil)
        let delivery = try #require(tree.match(try TopicName("line/1/speed")).deliveries.first)
        #expect(delivery.qos == .exactlyOnce)
        #expect(delivery.subscriptionIdentifiers.isEmpty)
        #expect(delivery.retainAsPublished)
    }

    @Test func noLocalLeavesOutThePublishersOwnSubscriptions() throws {
        var tree = Tree()
        tree.subscribe(
            try TopicFilter("a/#"), subscriber: "me", options: .init(qos: .exactlyOnce, noLocal: true), identifier: 1)
        tree.subscribe(try TopicFilter("a/b"), subscriber: "me", options: .init(qos: .atMostOnce), identifier: 2)
        tree.subscribe(try TopicFilter("a/c"), subscriber: "me", options: .init(qos: .atLeastOnce, noLocal: true))
        let topic = try TopicName("a/b")

        // [MQTT-3.8.3-3]: published by "me", only the subscription without No Local delivers.
        let own = try #require(tree.match(topic, publisher: "me").deliveries.first)
        #expect(own.qos == .atMostOnce)
        #expect(own.subscriptionIdentifiers == [2])
        // Published by someone else, both deliver; No Local is not shared by every matching subscription.
        let other = try #require(tree.match(topic, publisher: "you").deliveries.first)
        #expect(other.qos == .exactlyOnce)
        #expect(other.subscriptionIdentifiers.sorted() == [1, 2])
        #expect(!other.noLocal)
        // Only No Local subscriptions match: nothing for the publisher, noLocal for the others.
        #expect(tree.match(try TopicName("a/c"), publisher: "me").isEmpty)
        #expect(tree.match(try TopicName("a/c")).deliveries.first?.noLocal == true)
    }

    @Test func retainAsPublishedHoldsIfAnyMatchingSubscriptionAsksForIt() throws {
        var tree = Tree()
        tree.subscribe(try TopicFilter("a/#"), subscriber: "s", options: .init(qos: .atMostOnce))
        tree.subscribe(
            try TopicFilter("a/+"), subscriber: "s", options: .init(qos: .atMostOnce, retainAsPublished: true))
        #expect(tree.match(try TopicName("a/b")).deliveries.first?.retainAsPublished == true)
        #expect(tree.match(try TopicName("a")).deliveries.first?.retainAsPublished == false)
    }

    @Test func unsubscribeComparesFiltersExactlyAndPrunesEmptyNodes() throws {
        var tree = Tree()
        let deep = try TopicFilter("site/area/line/+/speed")
        let wide = try TopicFilter("site/#")
        tree.subscribe(deep, subscriber: "a", options: .init(qos: .atLeastOnce))
        tree.subscribe(wide, subscriber: "a", options: .init(qos: .atLeastOnce))
        tree.subscribe(deep, subscriber: "b", options: .init(qos: .atLeastOnce))
        let nodesWhenFull = tree.trie.liveNodeCount

        var removed = tree.unsubscribe(try TopicFilter("site/+"), subscriber: "a")
        #expect(!removed)  // [MQTT-3.10.4-1]
        removed = tree.unsubscribe(deep, subscriber: "c")
        #expect(!removed)
        removed = tree.unsubscribe(deep, subscriber: "a")
        #expect(removed)
        removed = tree.unsubscribe(deep, subscriber: "a")
        #expect(!removed)
        #expect(tree.trie.liveNodeCount == nodesWhenFull)  // "b" still holds the path
        removed = tree.unsubscribe(deep, subscriber: "b")
        #expect(removed)
        #expect(tree.trie.liveNodeCount == 3)  // root, "site", "#"
        removed = tree.unsubscribe(wide, subscriber: "a")
        #expect(removed)
        #expect(tree.trie.liveNodeCount == 1)
        #expect(tree.isEmpty)
        #expect(Array(tree.subscribers).isEmpty)
        #expect(tree.match(try TopicName("site/area/line/1/speed")).isEmpty)
    }

    @Test func removeAllTakesOnlyThatSubscribersSubscriptions() throws {
        var tree = Tree()
        let filters = try ["plant/#", "plant/+/temp", "$share/g/plant/#", "other"].map { try TopicFilter($0) }
        for filter in filters {
            tree.subscribe(filter, subscriber: "leaving", options: .init(qos: .atLeastOnce))
        }
        tree.subscribe(filters[1], subscriber: "staying", options: .init(qos: .atMostOnce))
        let nodesOfStaying = 4  // root, "plant", "+", "temp"

        var removedCount = tree.removeAll(subscriber: "leaving")
        #expect(removedCount == 4)
        removedCount = tree.removeAll(subscriber: "leaving")
        #expect(removedCount == 0)
        #expect(tree.count == 1)
        #expect(tree.subscriptions(of: "leaving").isEmpty)
        #expect(tree.trie.liveNodeCount == nodesOfStaying)
        #expect(tree.match(try TopicName("plant/1/temp")).deliveries.map(\.subscriber) == ["staying"])
    }

    @Test func listsASubscribersSubscriptionsForPersistence() throws {
        var tree = Tree()
        tree.subscribe(
            try TopicFilter("b/#"), subscriber: "s", options: .init(qos: .exactlyOnce, retainHandling: .doNotSend),
            identifier: 9)
        tree.subscribe(try TopicFilter("$share/g/a"), subscriber: "s", options: .init(qos: .atLeastOnce), identifier: 3)
        tree.subscribe(try TopicFilter("a/+"), subscriber: "s", options: .init(qos: .atMostOnce))
        tree.subscribe(try TopicFilter("a/+"), subscriber: "t", options: .init(qos: .atMostOnce))

        let listed = tree.subscriptions(of: "s")
        #expect(listed.map(\.filter.text) == ["$share/g/a", "a/+", "b/#"])
        #expect(listed.map(\.identifier) == [3, nil, 9])
        #expect(listed[2].options == .init(qos: .exactlyOnce, retainHandling: .doNotSend))
        #expect(tree.count == 4)
        #expect(Set(tree.subscribers) == ["s", "t"])

        // Restoring the listed subscriptions into a new tree gives the same routing.
        var restored = Tree()
        for subscription in listed {
            restored.subscribe(
                subscription.filter, subscriber: "s", options: subscription.options,
                identifier: subscription.identifier)
        }
        #expect(restored.subscriptions(of: "s") == listed)
    }
}
