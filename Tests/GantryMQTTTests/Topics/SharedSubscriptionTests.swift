import Testing

@testable import GantryMQTT

@Suite struct SharedSubscriptionTests {
    typealias Tree = SubscriptionTree<String>

    private func sampleTree() throws -> Tree {
        var tree = Tree()
        tree.subscribe(
            try TopicFilter("$share/g/sport/#"), subscriber: "a", options: .init(qos: .atMostOnce), identifier: 1)
        tree.subscribe(try TopicFilter("$share/g/sport/#"), subscriber: "b", options: .init(qos: .exactlyOnce))
        tree.subscribe(try TopicFilter("$share/g/sport/#"), subscriber: "c", options: .init(qos: .atLeastOnce))
        tree.subscribe(try TopicFilter("$share/h/sport/#"), subscriber: "a", options: .init(qos: .atLeastOnce))
        tree.subscribe(try TopicFilter("$share/g/sport/+"), subscriber: "d", options: .init(qos: .atLeastOnce))
        tree.subscribe(try TopicFilter("sport/#"), subscriber: "a", options: .init(qos: .atLeastOnce))
        return tree
    }

    @Test func eachMatchingShareComesOnceWithItsMembersInJoinOrder() throws {
        let match = try sampleTree().match(try TopicName("sport/tennis"))
        // The non-shared subscription of "a" is separate from its share memberships.
        #expect(match.deliveries.map(\.subscriber) == ["a"])
        let shares = Dictionary(uniqueKeysWithValues: match.shares.map { ($0.filter.text, $0) })
        #expect(shares.keys.sorted() == ["$share/g/sport/#", "$share/g/sport/+", "$share/h/sport/#"])
        let g = try #require(shares["$share/g/sport/#"])
        #expect(g.members.map(\.subscriber) == ["a", "b", "c"])
        #expect(g.members.map(\.options.qos) == [.atMostOnce, .exactlyOnce, .atLeastOnce])  // [MQTT-4.8.2-3]
        #expect(g.members.map(\.identifier) == [1, nil, nil])
        #expect(shares["$share/h/sport/#"]?.members.map(\.subscriber) == ["a"])
        // "sport/#" matches "sport", "sport/+" does not.
        #expect(try sampleTree().match(try TopicName("sport")).shares.count == 2)
    }

    @Test func sharesFollowTheDollarRule() throws {
        var tree = Tree()
        tree.subscribe(try TopicFilter("$share/g/#"), subscriber: "a", options: .init(qos: .atMostOnce))
        tree.subscribe(try TopicFilter("$share/g/$SYS/#"), subscriber: "b", options: .init(qos: .atMostOnce))
        let match = tree.match(try TopicName("$SYS/uptime"))
        #expect(match.shares.map(\.filter.text) == ["$share/g/$SYS/#"])  // [MQTT-4.7.2-1]
    }

    @Test func resubscribingAMemberReplacesItsOptionsAndKeepsItsTurn() throws {
        var tree = try sampleTree()
        #expect(
            !tree.subscribe(try TopicFilter("$share/g/sport/#"), subscriber: "a", options: .init(qos: .exactlyOnce)))
        let share = try #require(
            tree.match(try TopicName("sport/x")).shares.first { $0.filter.text == "$share/g/sport/#" })
        #expect(share.members.map(\.subscriber) == ["a", "b", "c"])
        #expect(share.members[0].options.qos == .exactlyOnce)
        #expect(share.members[0].identifier == nil)
    }

    @Test func unsubscribingTheLastMemberRemovesTheShare() throws {
        var tree = try sampleTree()
        let h = try TopicFilter("$share/h/sport/#")
        var removed = tree.unsubscribe(h, subscriber: "b")
        #expect(!removed)
        removed = tree.unsubscribe(h, subscriber: "a")
        #expect(removed)
        let filters = tree.match(try TopicName("sport/x")).shares.map(\.filter.text)
        #expect(!filters.contains("$share/h/sport/#"))
        #expect(tree.subscription(h, subscriber: "a") == nil)
        #expect(tree.subscription(try TopicFilter("$share/g/sport/#"), subscriber: "a")?.identifier == 1)
    }

    @Test func pickerTakesMembersInTurnSkippingUnavailableOnes() throws {
        let tree = try sampleTree()
        let share = try #require(
            tree.match(try TopicName("sport/x")).shares.first { $0.filter.text == "$share/g/sport/#" })
        var picker = SharedSubscriptionPicker<String>()
        let turns = (0..<5).compactMap { _ in picker.pick(from: share)?.subscriber }
        #expect(turns == ["a", "b", "c", "a", "b"])
        // "c" is next, but offline: "a" takes the message, and "b" is next after it.
        var picked = picker.pick(from: share, isAvailable: { $0 != "c" })
        #expect(picked?.subscriber == "a")
        picked = picker.pick(from: share)
        #expect(picked?.subscriber == "b")
        picked = picker.pick(from: share, isAvailable: { _ in false })
        #expect(picked == nil)
        picked = picker.pick(from: share)
        #expect(picked?.subscriber == "c")
        #expect(picker.trackedShareCount == 1)
        picker.forget(share.filter)
        #expect(picker.trackedShareCount == 0)
        picked = picker.pick(from: share)
        #expect(picked?.subscriber == "a")
    }

    @Test func pickerKeepsATurnPerShare() throws {
        let match = try sampleTree().match(try TopicName("sport/x"))
        var picker = SharedSubscriptionPicker<String>()
        for share in match.shares {
            let picked = picker.pick(from: share)
            #expect(picked?.subscriber == share.members.first?.subscriber)
        }
        #expect(picker.trackedShareCount == 3)
    }
}
