/// A topic filter from SUBSCRIBE or UNSUBSCRIBE, checked: a pattern of levels with optional wildcards,
/// possibly a shared subscription.
///
/// A filter is 1 to 65 535 UTF-8 bytes [MQTT-4.7.3-1] [MQTT-4.7.3-3] with no U+0000 [MQTT-4.7.3-2]. `#`
/// stands alone in the last level [MQTT-4.7.1-1]; `+` stands alone in any level [MQTT-4.7.1-2].
/// `$share/{ShareName}/{filter}` is a shared subscription: the share name is at least one character
/// [MQTT-4.8.2-1], has no `/`, `+` or `#`, and is followed by `/` and a filter [MQTT-4.8.2-2]. It is parsed
/// the same way for both protocol versions; whether a 3.1.1 session may use it is the broker's decision.
///
/// Filters compare and hash byte for byte over the whole text, share prefix included, which is the
/// character-by-character comparison UNSUBSCRIBE asks for [MQTT-3.10.4-1] [MQTT-4.7.3-4].
public struct TopicFilter: Hashable, Sendable, CustomStringConvertible {
    /// The filter as the client sent it, including any `$share/{ShareName}/` prefix.
    public let text: String
    /// The share name of a shared subscription (`g1` in `$share/g1/site/#`), or nil.
    public let shareName: String?
    /// The part matched against topic names: ``text`` without the `$share/{ShareName}/` prefix.
    public let pattern: String
    /// The levels of ``pattern``, slices of it with their hashes made once.
    let levels: [TopicLevel]

    /// Checks a topic filter.
    /// - Throws: ``TopicError`` with reason code `.topicFilterInvalid` (0x8F), naming the broken statement.
    /// - Complexity: O(n) in the UTF-8 length.
    public init(_ text: String) throws(TopicError) {
        let bytes = text.utf8
        guard !bytes.isEmpty else {
            throw Self.invalid("MQTT-4.7.3-1", "a topic filter must be at least one character long")
        }
        guard bytes.count <= 65_535 else {
            throw Self.invalid(
                "MQTT-4.7.3-3", "topic filter \(TopicError.quoted(text)) is \(bytes.count) bytes; the limit is 65535")
        }
        guard !bytes.contains(0) else {
            throw Self.invalid("MQTT-4.7.3-2", "topic filter \(TopicError.quoted(text)) contains U+0000")
        }
        let (shareName, pattern) = try Self.splitShare(text)
        let levels = withUTF8(of: pattern) { topicLevels(of: pattern, bytes: $0) }
        for (position, level) in levels.enumerated() {
            let bytes = level.text.utf8
            if bytes.contains(UInt8(ascii: "#")) && !(level.kind == .multiLevelWildcard && position == levels.count - 1)
            {
                throw Self.invalid(
                    "MQTT-4.7.1-1",
                    "in topic filter \(TopicError.quoted(text)) '#' must be the whole of the last level, as in 'site/#'"
                )
            }
            if bytes.contains(UInt8(ascii: "+")) && level.kind != .singleLevelWildcard {
                throw Self.invalid(
                    "MQTT-4.7.1-2",
                    "in topic filter \(TopicError.quoted(text)) '+' must be a whole level, as in 'site/+/speed'")
            }
        }
        self.text = text
        self.shareName = shareName
        self.pattern = pattern
        self.levels = levels
    }

    /// Whether this is a shared subscription (`$share/{ShareName}/…`), delivered to one member of the group.
    public var isShared: Bool { shareName != nil }

    /// Whether the pattern holds `+` or `#`; a broker without wildcard support refuses such filters (0xA2).
    public var hasWildcards: Bool { levels.contains { $0.kind != .plain } }

    public var description: String { text }

    public static func == (lhs: TopicFilter, rhs: TopicFilter) -> Bool { bytesEqual(lhs.text, rhs.text) }

    public func hash(into hasher: inout Hasher) { hashBytes(text, into: &hasher) }

    /// Splits `$share/{ShareName}/{filter}` into its share name and filter; other text is its own pattern.
    private static func splitShare(_ text: String) throws(TopicError) -> (shareName: String?, pattern: String) {
        let prefix = "$share/".utf8
        guard text.utf8.starts(with: prefix) else { return (nil, text) }
        let rest = text.utf8.dropFirst(prefix.count)
        let slash = rest.firstIndex(of: UInt8(ascii: "/"))
        let name = rest[rest.startIndex..<(slash ?? rest.endIndex)]
        guard !name.isEmpty else {
            throw Self.invalid(
                "MQTT-4.8.2-1", "shared subscription \(TopicError.quoted(text)) needs a share name after '$share/'")
        }
        guard !name.contains(UInt8(ascii: "+")) && !name.contains(UInt8(ascii: "#")) else {
            throw Self.invalid(
                "MQTT-4.8.2-2", "the share name in \(TopicError.quoted(text)) must not contain '+' or '#'")
        }
        guard let slash else {
            throw Self.invalid(
                "MQTT-4.8.2-2",
                "shared subscription \(TopicError.quoted(text)) needs '/' and a filter after the share name, "
                    + "as in '$share/group/site/#'")
        }
        let pattern = rest[rest.index(after: slash)...]
        guard !pattern.isEmpty else {
            throw Self.invalid(
                "MQTT-4.8.2-2",
                "shared subscription \(TopicError.quoted(text)) needs a filter after the share name, "
                    + "as in '$share/group/site/#'")
        }
        return (String(Substring(name)), String(Substring(pattern)))
    }

    private static func invalid(_ statement: String, _ message: String) -> TopicError {
        TopicError(.topicFilterInvalid, statement: statement, message)
    }
}
