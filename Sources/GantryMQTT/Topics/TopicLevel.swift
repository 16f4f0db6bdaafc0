/// One level of a topic name or filter, ready to be a trie key: compared byte for byte, hashed once.
///
/// Swift's `String` equality follows Unicode canonical equivalence, so `"caf\u{E9}"` equals `"cafe\u{301}"`;
/// MQTT forbids that: "the Server MUST NOT perform any normalization of Topic Names or Topic Filters"
/// [MQTT-4.7.3-4]. So a level compares its UTF-8 bytes. Both costs are paid once, when the topic is parsed:
/// the first 16 bytes are kept as two integers, so levels of up to 16 bytes (most of them: `site3`,
/// `line42`, `temperature`) compare with a few integer comparisons, and the hash of the bytes is kept, made
/// with the process's random seed so crafted topics cannot flood a bucket. A trie lookup then touches no
/// string at all.
struct TopicLevel: Hashable, Sendable {
    /// What the level means in a filter; a topic name's levels are always `plain`.
    enum Kind: UInt8, Sendable {
        case plain
        /// `+`: any one level.
        case singleLevelWildcard
        /// `#`: the rest of the levels, including none.
        case multiLevelWildcard
    }

    let text: Substring
    let kind: Kind
    /// The hash of the bytes, made once; ``TopicLevelTable`` probes with it directly.
    let digest: Int
    /// The UTF-8 length.
    private let length: Int
    /// Bytes 0–7 and 8–15, little-endian, zero-padded.
    private let head: (UInt64, UInt64)

    /// A level whose `text` has exactly the UTF-8 `bytes`; it shares the caller's storage.
    init(_ text: Substring, bytes: UnsafeBufferPointer<UInt8>) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for offset in 0..<min(bytes.count, 16) {
            if offset < 8 {
                low |= UInt64(bytes[offset]) << (8 * offset)
            } else {
                high |= UInt64(bytes[offset]) << (8 * (offset - 8))
            }
        }
        var hasher = Hasher()
        hasher.combine(bytes.count)
        if bytes.count <= 16 {
            hasher.combine(low)
            hasher.combine(high)
        } else {
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        self.text = text
        self.length = bytes.count
        self.head = (low, high)
        self.digest = hasher.finalize()
        if bytes.count == 1 && low == UInt64(UInt8(ascii: "+")) {
            kind = .singleLevelWildcard
        } else if bytes.count == 1 && low == UInt64(UInt8(ascii: "#")) {
            kind = .multiLevelWildcard
        } else {
            kind = .plain
        }
    }

    /// A level to keep in a tree: a copy of its own bytes, so it does not keep a whole 64 KiB topic alive.
    init(owning text: some StringProtocol) {
        let owned = String(text)
        self = withUTF8(of: owned) { TopicLevel(Substring(owned), bytes: $0) }
    }

    /// Whether the level starts with `$`, which wildcards at the first level never match [MQTT-4.7.2-1].
    var startsWithDollar: Bool { length > 0 && head.0 & 0xFF == UInt64(UInt8(ascii: "$")) }

    static func == (lhs: TopicLevel, rhs: TopicLevel) -> Bool {
        lhs.digest == rhs.digest && lhs.length == rhs.length && lhs.head == rhs.head
            && (lhs.length <= 16 || lhs.text.utf8.elementsEqual(rhs.text.utf8))
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// The levels of a topic name or filter: the text between `/` separators, empty levels included.
///
/// Splits on the byte `/` rather than on `Character`s: a `/` followed by a combining mark is one `Character`
/// to Swift but still a separator to MQTT.
/// - Parameter bytes: the UTF-8 of `text` in one buffer (``withUTF8(of:_:)``).
/// - Complexity: O(n) in the UTF-8 length.
func topicLevels(of text: String, bytes: UnsafeBufferPointer<UInt8>) -> [TopicLevel] {
    let utf8 = text.utf8
    var levels: [TopicLevel] = []
    levels.reserveCapacity(8)
    var start = 0
    var from = utf8.startIndex
    for offset in 0..<bytes.count where bytes[offset] == UInt8(ascii: "/") {
        let to = utf8.index(from, offsetBy: offset - start)
        levels.append(
            TopicLevel(Substring(utf8[from..<to]), bytes: UnsafeBufferPointer(rebasing: bytes[start..<offset])))
        start = offset + 1
        from = utf8.index(after: to)
    }
    levels.append(
        TopicLevel(Substring(utf8[from..<utf8.endIndex]), bytes: UnsafeBufferPointer(rebasing: bytes[start...])))
    return levels
}

/// Byte-for-byte equality of two strings, without Unicode normalization [MQTT-4.7.3-4].
func bytesEqual(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.count == rhs.utf8.count && lhs.utf8.elementsEqual(rhs.utf8)
}

/// Feeds the UTF-8 bytes of `text` to `hasher`, without normalization [MQTT-4.7.3-4].
func hashBytes(_ text: String, into hasher: inout Hasher) {
    withUTF8(of: text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
}

/// Calls `body` with the UTF-8 of `text` in one buffer: the string's own storage, or a copy for the rare
/// string that is not stored contiguously.
func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}
