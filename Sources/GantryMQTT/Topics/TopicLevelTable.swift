/// The children of one trie node by level: a hash table with open addressing (linear probing, backward-shift
/// deletion) keyed by the digest each ``TopicLevel`` carries.
///
/// A `Dictionary` would hash the digest again on every lookup; this table uses it as is, so a lookup is a
/// masked index, a few integer comparisons and, on a digest match, the level's own comparison. A leaf node's
/// table allocates nothing. The digest is seeded per process, so clients cannot aim topics at one bucket.
struct TopicLevelTable: Sendable {
    private struct Slot: Sendable {
        /// The child node's index, or -1 for an empty slot.
        var child: Int
        var digest: Int
        var level: TopicLevel

        static let empty = Slot(child: -1, digest: 0, level: TopicLevel(owning: ""))
    }

    /// A power of two in size, at most three quarters full, or empty.
    private var slots: [Slot] = []

    /// How many children there are.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The child for `level`, if any.
    /// - Complexity: O(1) expected.
    subscript(level: TopicLevel) -> Int? {
        guard count > 0 else { return nil }
        // Through a buffer pointer, so probing reads fields in place instead of copying slots.
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = level.digest & mask
            while true {
                let child = slots[index].child
                if child < 0 { return nil }
                if slots[index].digest == level.digest && slots[index].level == level { return child }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds or replaces the child for `level`.
    /// - Complexity: O(1) expected, amortized.
    mutating func set(_ child: Int, for level: TopicLevel) {
        precondition(child >= 0, "trie node indices are not negative")
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var index = level.digest & mask
        while slots[index].child >= 0 {
            if slots[index].digest == level.digest && slots[index].level == level {
                slots[index].child = child
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = Slot(child: child, digest: level.digest, level: level)
        count += 1
    }

    /// Removes the child for `level`, if any, shifting later entries of its probe run back into the gap.
    /// - Complexity: O(1) expected.
    mutating func remove(_ level: TopicLevel) {
        guard count > 0 else { return }
        let mask = slots.count - 1
        var hole = level.digest & mask
        while true {
            if slots[hole].child < 0 { return }
            if slots[hole].digest == level.digest && slots[hole].level == level { break }
            hole = (hole + 1) & mask
        }
        var next = hole
        while true {
            next = (next + 1) & mask
            if slots[next].child < 0 { break }
            let home = slots[next].digest & mask
            // An entry may fill the hole when its home slot is not cyclically within (hole, next].
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !stays {
                slots[hole] = slots[next]
                hole = next
            }
        }
        slots[hole] = .empty
        count -= 1
        if count == 0 { slots = [] }
    }

    /// Calls `body` with each level and child, in no particular order.
    func forEach(_ body: (TopicLevel, Int) throws -> Void) rethrows {
        for slot in slots where slot.child >= 0 {
            try body(slot.level, slot.child)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: .empty, count: max(4, old.count * 2))
        count = 0
        for slot in old where slot.child >= 0 {
            set(slot.child, for: slot.level)
        }
    }
}
