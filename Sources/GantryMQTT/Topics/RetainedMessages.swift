/// The retained message of each topic, in a trie over topic levels so a subscription's filter finds its
/// retained messages without scanning every topic.
///
/// `Message` is whatever the broker keeps (the PUBLISH with its properties and expiry). This store never
/// looks at payloads: a retained PUBLISH with an empty payload deletes [MQTT-3.3.1-6] and is not stored
/// [MQTT-3.3.1-7], so the broker calls ``remove(_:)`` for it and ``store(_:for:byteCount:)`` otherwise,
/// replacing what was there [MQTT-3.3.1-5].
public struct RetainedMessages<Message: Sendable>: Sendable {
    /// What one topic's node holds.
    struct Slot: TopicTrieValue, Sendable {
        var message: Message?
        var byteCount = 0

        init() {}
        var isEmpty: Bool { message == nil }
    }

    var trie = TopicTrie<Slot>()

    /// How many topics have a retained message.
    public private(set) var count = 0
    /// The sum of the `byteCount`s given to ``store(_:for:byteCount:)`` for the messages held, for a limit on
    /// the memory retained messages take.
    public private(set) var totalBytes = 0

    /// An empty store.
    public init() {}

    /// Whether no topic has a retained message.
    public var isEmpty: Bool { count == 0 }

    /// The retained message of `topic`, or nil.
    /// - Complexity: O(levels of the topic).
    public subscript(topic: TopicName) -> Message? {
        guard let node = trie.find(topic.levels) else { return nil }
        return trie[value: node].message
    }

    /// Keeps `message` as the retained message of `topic`, replacing the one before.
    /// - Parameter byteCount: what the message weighs for ``totalBytes``, as the broker measures it (payload,
    ///   topic and properties, say); not negative.
    /// - Returns: the message it replaced, if any.
    /// - Complexity: O(levels of the topic), amortized.
    @discardableResult
    public mutating func store(_ message: Message, for topic: TopicName, byteCount: Int = 0) -> Message? {
        precondition(byteCount >= 0, "a retained message cannot weigh \(byteCount) bytes")
        let node = trie.findOrInsert(topic.levels)
        let replaced = trie[value: node].message
        if replaced == nil { count += 1 }
        totalBytes += byteCount - trie[value: node].byteCount
        trie[value: node].message = message
        trie[value: node].byteCount = byteCount
        return replaced
    }

    /// Deletes the retained message of `topic`, as a retained PUBLISH with an empty payload does
    /// [MQTT-3.3.1-6], and the trie nodes left empty.
    /// - Returns: the message removed, or nil if the topic had none.
    /// - Complexity: O(levels of the topic).
    @discardableResult
    public mutating func remove(_ topic: TopicName) -> Message? {
        guard let node = trie.find(topic.levels), let removed = trie[value: node].message else { return nil }
        count -= 1
        totalBytes -= trie[value: node].byteCount
        trie[value: node] = Slot()
        trie.prune(from: node)
        return removed
    }
}
