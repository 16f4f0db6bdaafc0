/// The topic of a PUBLISH, checked: the key that subscriptions and retained messages are matched against.
///
/// A name is 1 to 65 535 UTF-8 bytes [MQTT-4.7.3-1] [MQTT-4.7.3-3], holds no U+0000 [MQTT-4.7.3-2] and no
/// wildcard `+` or `#` [MQTT-4.7.0-1]. Levels may be empty (`/finance`, `a//b`). A name beginning with `$`
/// (`$SYS/broker/uptime`) is valid, but filters starting with a wildcard never match it [MQTT-4.7.2-1]; who
/// may publish to one is a question for authorization. The codec resolves a topic alias (a zero-length name
/// in MQTT 5) before it builds a `TopicName`.
///
/// Names compare and hash byte for byte, never normalized [MQTT-4.7.3-4]; the levels are split once here so
/// that every match against the subscription tree reuses them.
public struct TopicName: Hashable, Sendable, CustomStringConvertible {
    /// The name as the client sent it.
    public let text: String
    /// The levels between `/` separators, slices of ``text`` with their hashes made once.
    let levels: [TopicLevel]

    /// Checks a topic name from PUBLISH (or a will topic from CONNECT).
    /// - Throws: ``TopicError`` with reason code `.topicNameInvalid` (0x90), naming the broken statement.
    /// - Complexity: O(n) in the UTF-8 length.
    public init(_ text: String) throws(TopicError) {
        // One pass over the UTF-8 in one buffer: checks the bytes, then splits the levels.
        let levels: Result<[TopicLevel], TopicError> = withUTF8(of: text) { bytes in
            guard !bytes.isEmpty else {
                return .failure(Self.invalid("MQTT-4.7.3-1", "a topic name must be at least one character long"))
            }
            guard bytes.count <= 65_535 else {
                return .failure(
                    Self.invalid(
                        "MQTT-4.7.3-3",
                        "topic name \(TopicError.quoted(text)) is \(bytes.count) bytes; the limit is 65535"))
            }
            for byte in bytes {
                switch byte {
                case 0:
                    return .failure(
                        Self.invalid("MQTT-4.7.3-2", "topic name \(TopicError.quoted(text)) contains U+0000"))
                case UInt8(ascii: "+"), UInt8(ascii: "#"):
                    return .failure(
                        Self.invalid(
                            "MQTT-4.7.0-1",
                            "topic name \(TopicError.quoted(text)) contains the wildcard "
                                + "'\(Character(Unicode.Scalar(byte)))'; wildcards belong in subscription filters, "
                                + "not in the topic a message is published to"))
                default:
                    continue
                }
            }
            return .success(topicLevels(of: text, bytes: bytes))
        }
        self.levels = try levels.get()
        self.text = text
    }

    /// Whether the name begins with `$`, like `$SYS/…`: filters starting with `+` or `#` do not match it
    /// [MQTT-4.7.2-1].
    public var startsWithDollar: Bool { text.utf8.first == UInt8(ascii: "$") }

    /// How many levels the name has: `a/b` has two, `/` has two empty ones.
    public var levelCount: Int { levels.count }

    public var description: String { text }

    public static func == (lhs: TopicName, rhs: TopicName) -> Bool { bytesEqual(lhs.text, rhs.text) }

    public func hash(into hasher: inout Hasher) { hashBytes(text, into: &hasher) }

    private static func invalid(_ statement: String, _ message: String) -> TopicError {
        TopicError(.topicNameInvalid, statement: statement, message)
    }
}
