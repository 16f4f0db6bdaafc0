extension RetainedMessages {
    /// The retained messages whose topic `filter` matches, to send when a subscription is made.
    ///
    /// Walks the filter's levels: a plain level follows one child, `+` every child, `#` the whole subtree
    /// including the level above it (`site/#` finds `site`). A wildcard at the first level skips topics
    /// beginning with `$` [MQTT-4.7.2-1]. A shared filter matches by its pattern; retained messages are not
    /// sent for a new shared subscription (MQTT 5 §4.8.2), which is the broker's call.
    /// - Returns: the messages in no particular order.
    /// - Complexity: O(nodes visited + messages found): O(levels) for a filter without wildcards, and never
    ///   more than the part of the trie under the filter's first wildcard.
    public func matching(_ filter: TopicFilter) -> [Message] {
        var found: [Message] = []
        collect(from: TopicTrie<Slot>.root, filter.levels, depth: 0, into: &found)
        return found
    }

    private func collect(from node: Int, _ levels: [TopicLevel], depth: Int, into found: inout [Message]) {
        let nodes = trie.nodes
        guard depth < levels.count else {
            if let message = nodes[node].value.message { found.append(message) }
            return
        }
        let level = levels[depth]
        switch level.kind {
        case .multiLevelWildcard:
            collectSubtree(from: node, skippingDollar: depth == 0, into: &found)
        case .singleLevelWildcard:
            nodes[node].children.forEach { key, child in
                if depth > 0 || !key.startsWithDollar { collect(from: child, levels, depth: depth + 1, into: &found) }
            }
        case .plain:
            if let child = nodes[node].children[level] {
                collect(from: child, levels, depth: depth + 1, into: &found)
            }
        }
    }

    private func collectSubtree(from node: Int, skippingDollar: Bool, into found: inout [Message]) {
        let nodes = trie.nodes
        if let message = nodes[node].value.message { found.append(message) }
        nodes[node].children.forEach { key, child in
            if !(skippingDollar && key.startsWithDollar) {
                collectSubtree(from: child, skippingDollar: false, into: &found)
            }
        }
    }
}
