import Testing

@testable import GantryMQTT

/// The trie's child table: open addressing with backward-shift deletion, checked against a `Dictionary`.
@Suite struct TopicLevelTableTests {
    @Test func agreesWithADictionaryThroughInsertsReplacesAndRemovals() {
        var rng = SeededGenerator(seed: 0x7461_626C_65)
        var table = TopicLevelTable()
        // Keyed by bytes: a `String` key would merge the two spellings of "café", which the table keeps apart.
        var reference: [[UInt8]: Int] = [:]
        // Few distinct keys, many operations: probe runs form, wrap around and are shifted back on removal.
        let keys = (0..<300).map { "level\($0)" } + ["", "+", "#", "$SYS", "caf\u{E9}", "cafe\u{301}"]
        for step in 0..<20_000 {
            let key = keys.randomElement(using: &rng) ?? ""
            let level = TopicLevel(owning: key)
            if Int.random(in: 0..<3, using: &rng) == 0 {
                table.remove(level)
                reference[Array(key.utf8)] = nil
            } else {
                table.set(step, for: level)
                reference[Array(key.utf8)] = step
            }
            #expect(table[level] == reference[Array(key.utf8)])
        }
        #expect(table.count == reference.count)
        for key in keys {
            #expect(table[TopicLevel(owning: key)] == reference[Array(key.utf8)], "\(key)")
        }
        var visited: [Int] = []
        table.forEach { _, child in visited.append(child) }
        #expect(visited.sorted() == reference.values.sorted())
    }

    @Test func levelsLongerThanSixteenBytesCompareEveryByte() {
        var table = TopicLevelTable()
        let prefix = String(repeating: "x", count: 16)
        table.set(1, for: TopicLevel(owning: prefix + "a"))
        table.set(2, for: TopicLevel(owning: prefix + "b"))
        #expect(table[TopicLevel(owning: prefix + "a")] == 1)
        #expect(table[TopicLevel(owning: prefix + "b")] == 2)
        #expect(table[TopicLevel(owning: prefix)] == nil)
        #expect(TopicLevel(owning: prefix + "a") != TopicLevel(owning: prefix + "b"))
    }

    @Test func emptyingTheTableReleasesItsSlots() {
        var table = TopicLevelTable()
        for index in 0..<100 { table.set(index, for: TopicLevel(owning: "l\(index)")) }
        for index in 0..<100 { table.remove(TopicLevel(owning: "l\(index)")) }
        #expect(table.isEmpty)
        #expect(table[TopicLevel(owning: "l1")] == nil)
    }
}
