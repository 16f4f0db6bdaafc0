import Testing

@testable import GantryMQTT

/// SplitMix64: a small seeded generator, so a failing case is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The trie against brute force: every filter checked with `TopicFilter.matches`.
@Suite struct TopicMatchingPropertyTests {
    private static let levels = ["a", "b", "c", "", "$SYS", "caf\u{E9}", "cafe\u{301}"]

    private static func randomTopic(_ rng: inout SeededGenerator) throws -> TopicName {
        let depth = Int.random(in: 1...4, using: &rng)
        let text = (0..<depth).map { _ in levels.randomElement(using: &rng) ?? "a" }.joined(separator: "/")
        return try TopicName(text.isEmpty ? "/" : text)
    }

    private static func randomFilter(_ rng: inout SeededGenerator) throws -> TopicFilter {
        let depth = Int.random(in: 1...4, using: &rng)
        var parts: [String] = (0..<depth).map { _ in
            Int.random(in: 0..<4, using: &rng) == 0 ? "+" : levels.randomElement(using: &rng) ?? "a"
        }
        if Bool.random(using: &rng) && Int.random(in: 0..<3, using: &rng) == 0 { parts[depth - 1] = "#" }
        let joined = parts.joined(separator: "/")
        let pattern = joined.isEmpty ? "/" : joined
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return try TopicFilter("$share/g1/" + pattern)
        case 1: return try TopicFilter("$share/g2/" + pattern)
        default: return try TopicFilter(pattern)
        }
    }

    /// A match reduced to comparable values, for the trie and for the brute force alike.
    struct Outcome: Equatable {
        struct Delivery: Equatable {
            var qos: QoS
            var identifiers: [UInt32]
            var noLocal: Bool
            var retainAsPublished: Bool
        }
        var deliveries: [Int: Delivery] = [:]
        var shares: [String: [Int: SubscriptionOptions]] = [:]
    }

    private static func outcome(_ match: SubscriptionMatch<Int>) -> Outcome {
        var outcome = Outcome()
        for delivery in match.deliveries {
            #expect(outcome.deliveries[delivery.subscriber] == nil, "one delivery per subscriber")
            outcome.deliveries[delivery.subscriber] = .init(
                qos: delivery.qos, identifiers: delivery.subscriptionIdentifiers.sorted(), noLocal: delivery.noLocal,
                retainAsPublished: delivery.retainAsPublished)
        }
        for share in match.shares {
            #expect(outcome.shares[share.filter.text] == nil, "one entry per share")
            outcome.shares[share.filter.text] = Dictionary(
                uniqueKeysWithValues: share.members.map { ($0.subscriber, $0.options) })
        }
        return outcome
    }

    private static func bruteForce(
        _ model: [Int: [TopicFilter: (SubscriptionOptions, UInt32?)]], _ topic: TopicName, publisher: Int?
    ) -> Outcome {
        var outcome = Outcome()
        for (subscriber, filters) in model {
            for (filter, (options, identifier)) in filters where filter.matches(topic) {
                if filter.isShared {
                    outcome.shares[filter.text, default: [:]][subscriber] = options
                    continue
                }
                if options.noLocal && publisher == subscriber { continue }
                let ids = identifier.map { [$0] } ?? []
                if var delivery = outcome.deliveries[subscriber] {
                    delivery.qos = max(delivery.qos, options.qos)
                    delivery.identifiers = (delivery.identifiers + ids).sorted()
                    delivery.noLocal = delivery.noLocal && options.noLocal
                    delivery.retainAsPublished = delivery.retainAsPublished || options.retainAsPublished
                    outcome.deliveries[subscriber] = delivery
                } else {
                    outcome.deliveries[subscriber] = .init(
                        qos: options.qos, identifiers: ids, noLocal: options.noLocal,
                        retainAsPublished: options.retainAsPublished)
                }
            }
        }
        return outcome
    }

    @Test func subscriptionTreeAgreesWithBruteForce() throws {
        var rng = SeededGenerator(seed: 0x6761_6E74_7279)
        var tree = SubscriptionTree<Int>()
        var model: [Int: [TopicFilter: (SubscriptionOptions, UInt32?)]] = [:]
        var nextIdentifier: UInt32 = 1

        for step in 0..<600 {
            let subscriber = Int.random(in: 0..<12, using: &rng)
            if step % 5 == 4, let filter = model[subscriber]?.keys.randomElement(using: &rng) {
                let removed = tree.unsubscribe(filter, subscriber: subscriber)
                #expect(removed)
                model[subscriber]?[filter] = nil
                continue
            }
            let filter = try Self.randomFilter(&rng)
            let options = SubscriptionOptions(
                qos: QoS.allCases.randomElement(using: &rng) ?? .atMostOnce,
                noLocal: !filter.isShared && Bool.random(using: &rng),
                retainAsPublished: Bool.random(using: &rng))
            let identifier: UInt32? = Bool.random(using: &rng) ? nextIdentifier : nil
            nextIdentifier += 1
            let expectedNew = model[subscriber]?[filter] == nil
            let isNew = tree.subscribe(filter, subscriber: subscriber, options: options, identifier: identifier)
            #expect(isNew == expectedNew)
            model[subscriber, default: [:]][filter] = (options, identifier)
        }
        model[3] = nil
        tree.removeAll(subscriber: 3)
        #expect(tree.count == model.values.map(\.count).reduce(0, +))

        var merged = 0
        var shared = 0
        for _ in 0..<3000 {
            let topic = try Self.randomTopic(&rng)
            let publisher: Int? = Bool.random(using: &rng) ? Int.random(in: 0..<12, using: &rng) : nil
            let expected = Self.bruteForce(model, topic, publisher: publisher)
            let match = tree.match(topic, publisher: publisher)
            let actual = Self.outcome(match)
            #expect(actual == expected, "topic '\(topic)', publisher \(String(describing: publisher))")
            if actual != expected { break }
            merged += match.deliveries.filter { $0.subscriptionIdentifiers.count > 1 }.count
            shared += match.shares.count
        }
        // The cases exercise merging overlapping subscriptions and shares, not only empty matches.
        #expect(merged > 1000)
        #expect(shared > 1000)

        for (subscriber, filters) in model {
            for filter in filters.keys {
                let removed = tree.unsubscribe(filter, subscriber: subscriber)
                #expect(removed)
            }
        }
        #expect(tree.isEmpty)
        #expect(tree.trie.liveNodeCount == 1)
    }

    @Test func retainedMatchingAgreesWithBruteForce() throws {
        var rng = SeededGenerator(seed: 0x7265_7461_696E)
        var store = RetainedMessages<String>()
        var stored: [TopicName: String] = [:]
        for step in 0..<800 {
            let topic = try Self.randomTopic(&rng)
            if step % 4 == 3 {
                let removedMessage = store.remove(topic)
                let expectedMessage = stored.removeValue(forKey: topic)
                #expect(removedMessage == expectedMessage)
            } else {
                store.store(topic.text, for: topic, byteCount: 1)
                stored[topic] = topic.text
            }
        }
        #expect(store.count == stored.count)
        #expect(store.totalBytes == stored.count)

        for _ in 0..<2000 {
            let filter = try Self.randomFilter(&rng)
            // Compared as UTF-8 bytes: `String` equality would conflate the two spellings of "café".
            let expected = stored.filter { filter.matches($0.key) }.map { Array($0.value.utf8) }.sorted {
                $0.lexicographicallyPrecedes($1)
            }
            let actual = store.matching(filter).map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(actual == expected, "filter '\(filter)'")
            if actual != expected { break }
        }
    }
}
