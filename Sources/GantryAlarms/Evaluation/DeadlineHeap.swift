/// A binary min-heap of (deadline, alarm slot): the evaluator's timer wheel for on/off-delays and shelve
/// expiries, so that ``AlarmEvaluator/tick(now:)`` only looks at the earliest deadline.
///
/// Entries are not removed when a delay is cancelled; a stale entry costs one no-op visit when it falls
/// due.
///
/// - Complexity: `push` and `popMinimum` O(log n), `minimum` O(1).
struct DeadlineHeap: Sendable {
    struct Entry: Sendable {
        var deadline: Int64
        var slot: Int32
    }

    private(set) var entries: [Entry] = []

    var minimum: Entry? { entries.first }

    var count: Int { entries.count }

    mutating func push(_ deadline: Int64, slot: Int32) {
        entries.append(Entry(deadline: deadline, slot: slot))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMinimum() -> Entry? {
        guard let first = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count, entries[right].deadline < entries[smallest].deadline { smallest = right }
            guard smallest != parent else { return first }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
