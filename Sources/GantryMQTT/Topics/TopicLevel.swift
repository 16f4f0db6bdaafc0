/// One level of a topic name or filter as a dictionary key that compares byte for byte.
///
/// Swift's `String` equality follows Unicode canonical equivalence, so `"caf\u{E9}"` equals `"cafe\u{301}"`;
/// MQTT forbids that: "the Server MUST NOT perform any normalization of Topic Names or Topic Filters"
/// [MQTT-4.7.3-4]. Comparing and hashing the UTF-8 bytes is both the rule and the fast path.
struct TopicLevel: Hashable, Sendable {
    let text: Substring

    /// A key for lookups; it shares the caller's storage, so it costs no allocation.
    init(_ text: Substring) { self.text = text }

    /// A key to keep in a tree: a copy of its own bytes, so it does not keep a whole 64 KiB topic alive.
    init(owning text: Substring) { self.text = Substring(String(text)) }

    static func == (lhs: TopicLevel, rhs: TopicLevel) -> Bool { bytesEqual(lhs.text, rhs.text) }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil {
            var copy = String(text)
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether the level starts with `$`, which wildcards at the first level never match [MQTT-4.7.2-1].
    var startsWithDollar: Bool { text.utf8.first == UInt8(ascii: "$") }
}

/// Byte-for-byte equality of two strings, without Unicode normalization [MQTT-4.7.3-4].
func bytesEqual(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    let left = lhs.utf8
    let right = rhs.utf8
    guard left.count == right.count else { return false }
    let fast = left.withContiguousStorageIfAvailable { l in
        right.withContiguousStorageIfAvailable { r in l.elementsEqual(r) }
    }
    if case .some(.some(let equal)) = fast { return equal }
    return left.elementsEqual(right)
}

/// The levels of a topic name or filter: the text between `/` separators, empty levels included.
///
/// Splits on the byte `/` rather than on `Character`s: a `/` followed by a combining mark is one `Character`
/// to Swift but still a separator to MQTT.
/// - Complexity: O(n) in the UTF-8 length.
func topicLevels(_ text: Substring) -> [Substring] {
    let bytes = text.utf8
    var levels: [Substring] = []
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index != bytes.endIndex {
        if bytes[index] == UInt8(ascii: "/") {
            levels.append(Substring(bytes[start..<index]))
            start = bytes.index(after: index)
        }
        index = bytes.index(after: index)
    }
    levels.append(Substring(bytes[start..<bytes.endIndex]))
    return levels
}

extension Substring {
    /// Whether this level is exactly the single-level wildcard `+`.
    var isSingleLevelWildcard: Bool { utf8.count == 1 && utf8.first == UInt8(ascii: "+") }
    /// Whether this level is exactly the multi-level wildcard `#`.
    var isMultiLevelWildcard: Bool { utf8.count == 1 && utf8.first == UInt8(ascii: "#") }
}
