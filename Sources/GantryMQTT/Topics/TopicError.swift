/// A topic name or topic filter that a client sent and Gantry refuses, with the reason code to answer with.
///
/// The broker answers a bad topic name in PUBLISH with ``reasonCode`` `.topicNameInvalid` (0x90) and a bad
/// filter in SUBSCRIBE or UNSUBSCRIBE with `.topicFilterInvalid` (0x8F); ``statement`` names the normative
/// statement of the MQTT 5 specification that the text breaks, so logs and tests can point at the rule.
public struct TopicError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The MQTT 5 reason code the broker answers with: `.topicNameInvalid` or `.topicFilterInvalid`.
    public let reasonCode: ReasonCode
    /// The normative statement broken, as the specification numbers it, e.g. `MQTT-4.7.1-1`.
    public let statement: String
    /// What was wrong and how to write it instead; safe to show to the client that sent it.
    public let message: String

    public init(_ reasonCode: ReasonCode, statement: String, _ message: String) {
        self.reasonCode = reasonCode
        self.statement = statement
        self.message = message
    }

    public var description: String { "\(message) [\(statement)]" }

    /// The text as it goes into a message: quoted, and cut short so a 64 KiB topic does not flood a log line.
    static func quoted(_ text: some StringProtocol) -> String {
        let limit = 80
        return text.count <= limit ? "'\(text)'" : "'\(text.prefix(limit))…'"
    }
}
