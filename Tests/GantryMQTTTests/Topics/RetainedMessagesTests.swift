import Testing

@testable import GantryMQTT

@Suite struct RetainedMessagesTests {
    /// A store with one message per topic, each message being its topic's text.
    private func store(_ topics: [String]) throws -> RetainedMessages<String> {
        var store = RetainedMessages<String>()
        for topic in topics {
            store.store(topic, for: try TopicName(topic), byteCount: topic.utf8.count)
        }
        return store
    }

    private let plant = [
        "site", "site/area", "site/area/line1/speed", "site/area/line2/speed", "site/area/line2/temp", "site//speed",
        "other/x", "$SYS/uptime", "$SYS/clients/count",
    ]

    @Test func storingReplacesAndCountsBytes() throws {
        var store = RetainedMessages<String>()
        let topic = try TopicName("site/line/speed")
        var replaced = store.store("v1", for: topic, byteCount: 10)
        #expect(replaced == nil)  // [MQTT-3.3.1-5]
        replaced = store.store("v2", for: topic, byteCount: 4)
        #expect(replaced == "v1")
        #expect(store.count == 1)
        #expect(store.totalBytes == 4)
        #expect(store[topic] == "v2")
        #expect(store[try TopicName("site/line")] == nil)
    }

    @Test func removingDeletesAndPrunes() throws {
        var store = try store(plant)
        let bytes = store.totalBytes
        var removedMessage = store.remove(try TopicName("site/area/line1/speed"))
        #expect(removedMessage == "site/area/line1/speed")  // [MQTT-3.3.1-6]
        removedMessage = store.remove(try TopicName("site/area/line1/speed"))
        #expect(removedMessage == nil)
        removedMessage = store.remove(try TopicName("site/area/line1"))
        #expect(removedMessage == nil)
        #expect(store.count == plant.count - 1)
        #expect(store.totalBytes == bytes - "site/area/line1/speed".utf8.count)
        for topic in plant {
            store.remove(try TopicName(topic))
        }
        #expect(store.isEmpty)
        #expect(store.totalBytes == 0)
        #expect(store.trie.liveNodeCount == 1)
    }

    @Test(arguments: [
        (
            "site/#",
            [
                "site", "site/area", "site/area/line1/speed", "site/area/line2/speed", "site/area/line2/temp",
                "site//speed",
            ]
        ),
        ("site/area/+/speed", ["site/area/line1/speed", "site/area/line2/speed"]),
        ("site/+/speed", ["site//speed"]),
        ("site/area/line2/#", ["site/area/line2/speed", "site/area/line2/temp"]),
        ("+", ["site"]),
        ("+/x", ["other/x"]),
        (
            "#",
            [
                "site", "site/area", "site/area/line1/speed", "site/area/line2/speed", "site/area/line2/temp",
                "site//speed", "other/x",
            ]
        ),
        ("$SYS/#", ["$SYS/uptime", "$SYS/clients/count"]),
        ("+/uptime", []),
        ("site/area/line1/speed", ["site/area/line1/speed"]),
        ("site/area/line3/speed", []),
        ("$share/g/site/+", ["site/area"]),
    ])
    func matchingFollowsTheFilter(filter: String, expected: [String]) throws {
        let found = try store(plant).matching(try TopicFilter(filter))
        #expect(found.sorted() == expected.sorted())
    }
}
