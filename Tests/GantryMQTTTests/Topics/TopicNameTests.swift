import Testing

@testable import GantryMQTT

/// A topic name or filter that must be refused, and the statement of the MQTT 5 specification it breaks.
struct Refusal: Sendable, CustomTestStringConvertible {
    let text: String
    let statement: String

    init(_ text: String, _ statement: String) {
        self.text = text
        self.statement = statement
    }

    var testDescription: String { "[\(statement)] '\(text.prefix(30))'" }
}

@Suite struct TopicNameTests {
    @Test(arguments: [
        "sport", "sport/tennis/player1", "/", "//", "/finance", "finance/", "Accounts payable", "$SYS/broker/uptime",
        "é/日本/🏭", "a/\u{301}b", String(repeating: "x", count: 65_535),
    ])
    func acceptsValidNames(_ text: String) throws {
        let name = try TopicName(text)
        #expect(name.text == text)
    }

    @Test(arguments: [
        Refusal("", "MQTT-4.7.3-1"),  // at least one character
        Refusal("a/\u{0}/b", "MQTT-4.7.3-2"),  // no U+0000
        Refusal(String(repeating: "x", count: 65_536), "MQTT-4.7.3-3"),  // at most 65 535 bytes
        Refusal(String(repeating: "é", count: 32_768), "MQTT-4.7.3-3"),  // bytes, not characters
        Refusal("sport/+/player1", "MQTT-4.7.0-1"),  // no wildcards in a topic name
        Refusal("sport/#", "MQTT-4.7.0-1"),
        Refusal("sport+", "MQTT-4.7.0-1"),
        Refusal("#", "MQTT-4.7.0-1"),
    ])
    func refusesInvalidNamesWithTopicNameInvalid(_ refusal: Refusal) {
        let error = #expect(throws: TopicError.self) { try TopicName(refusal.text) }
        #expect(error?.reasonCode == .topicNameInvalid)
        #expect(error?.statement == refusal.statement)
        #expect(error?.message.isEmpty == false)
    }

    @Test func levelsSplitOnTheSlashByteNotOnCharacters() throws {
        #expect(try TopicName("/").levelCount == 2)
        #expect(try TopicName("a//b").levelCount == 3)
        // "/\u{301}" is one Character to Swift, yet the slash still separates levels in MQTT.
        #expect(try TopicName("a/\u{301}b").levelCount == 2)
    }

    @Test func namesCompareByteForByteWithoutNormalization() throws {
        // [MQTT-4.7.3-4]: the composed and decomposed "café" are equal Swift strings but different topics.
        let composed = try TopicName("caf\u{E9}")
        let decomposed = try TopicName("cafe\u{301}")
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
        #expect(try TopicName("Accounts") != TopicName("ACCOUNTS"))
    }

    @Test func errorMessagesStayShortForHugeTopics() {
        let error = #expect(throws: TopicError.self) { try TopicName(String(repeating: "+", count: 60_000)) }
        #expect((error?.message.count ?? .max) < 300)
        #expect(error?.description.hasSuffix("[MQTT-4.7.0-1]") == true)
    }
}
