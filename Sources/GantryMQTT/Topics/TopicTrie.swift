/// What a ``TopicTrie`` node holds; a node whose value is empty and that has no children is pruned.
protocol TopicTrieValue {
    init()
    var isEmpty: Bool { get }
}

/// A trie over topic levels, stored in one array (an arena) with a free list, shared by the subscription
/// tree and the retained-message store.
///
/// Nodes refer to each other by index, so the trie is a plain value (copy-on-write, `Sendable` when its
/// value is) and a lookup walks an array rather than chasing class references. `+` and `#` children sit in
/// their own slots, so matching never hashes a wildcard. The root is node 0 and is never freed.
struct TopicTrie<Value: TopicTrieValue> {
    struct Node {
        /// Children by exact level.
        var children = TopicLevelTable()
        /// The child for a `+` level.
        var singleLevel: Int?
        /// The child for a `#` level.
        var multiLevel: Int?
        /// The parent's index; the root's is its own.
        var parent: Int
        /// The level that leads here from the parent (`+` and `#` for the wildcard slots).
        var level: TopicLevel
        var value = Value()

        var isPrunable: Bool { value.isEmpty && children.isEmpty && singleLevel == nil && multiLevel == nil }
    }

    static var root: Int { 0 }

    private(set) var nodes: [Node] = [Node(parent: 0, level: TopicLevel(owning: ""))]
    private var freeSlots: [Int] = []

    /// Nodes in use, the root included; 1 for an empty trie.
    var liveNodeCount: Int { nodes.count - freeSlots.count }

    /// The value at `index`, for reading and in-place changes.
    subscript(value index: Int) -> Value {
        get { nodes[index].value }
        _modify { yield &nodes[index].value }
    }

    /// The child of `index` for `level` (wildcard slots for `+` and `#`), if there is one.
    /// - Complexity: O(1) expected.
    func child(of index: Int, _ level: TopicLevel) -> Int? {
        switch level.kind {
        case .plain: nodes[index].children[level]
        case .singleLevelWildcard: nodes[index].singleLevel
        case .multiLevelWildcard: nodes[index].multiLevel
        }
    }

    /// The node for these levels, or nil when no such path exists.
    /// - Complexity: O(levels).
    func find(_ levels: [TopicLevel]) -> Int? {
        var index = Self.root
        for level in levels {
            guard let next = child(of: index, level) else { return nil }
            index = next
        }
        return index
    }

    /// The node for these levels, created with empty values along the way as needed.
    /// - Complexity: O(levels), amortized.
    mutating func findOrInsert(_ levels: [TopicLevel]) -> Int {
        var index = Self.root
        for level in levels {
            if let next = child(of: index, level) {
                index = next
                continue
            }
            let key = TopicLevel(owning: level.text)
            let next = allocate(Node(parent: index, level: key))
            switch key.kind {
            case .plain: nodes[index].children.set(next, for: key)
            case .singleLevelWildcard: nodes[index].singleLevel = next
            case .multiLevelWildcard: nodes[index].multiLevel = next
            }
            index = next
        }
        return index
    }

    /// Frees `index` and then its ancestors for as long as they hold nothing; call after emptying a value.
    /// - Complexity: O(levels).
    mutating func prune(from index: Int) {
        var index = index
        while index != Self.root && nodes[index].isPrunable {
            let parent = nodes[index].parent
            let level = nodes[index].level
            switch level.kind {
            case .plain: nodes[parent].children.remove(level)
            case .singleLevelWildcard: nodes[parent].singleLevel = nil
            case .multiLevelWildcard: nodes[parent].multiLevel = nil
            }
            nodes[index] = Node(parent: index, level: TopicLevel(owning: ""))
            freeSlots.append(index)
            index = parent
        }
    }

    private mutating func allocate(_ node: Node) -> Int {
        if let slot = freeSlots.popLast() {
            nodes[slot] = node
            return slot
        }
        nodes.append(node)
        return nodes.count - 1
    }
}

extension TopicTrie: Sendable where Value: Sendable {}
extension TopicTrie.Node: Sendable where Value: Sendable {}
