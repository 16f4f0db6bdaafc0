import Testing

@testable import GantryMQTT

@Suite struct TopicFilterTests {
    @Test(arguments: [
        "#", "+", "+/+", "/", "sport/#", "sport/tennis/+", "+/tennis/#", "sport/+/player1", "$SYS/#", "$share",
        "$shared/x", String(repeating: "x", count: 65_535),
    ])
    func acceptsValidFilters(_ text: String) throws {
        let filter = try TopicFilter(text)
        #expect(filter.text == text)
        #expect(filter.pattern == text)
        #expect(!filter.isShared)
    }

    @Test(arguments: [
        Refusal("", "MQTT-4.7.3-1"),
        Refusal("a/\u{0}", "MQTT-4.7.3-2"),
        Refusal(String(repeating: "x", count: 65_536), "MQTT-4.7.3-3"),
        // '#' on its own or after '/', and last [MQTT-4.7.1-1]
        Refusal("sport/tennis#", "MQTT-4.7.1-1"),
        Refusal("sport/tennis/#/ranking", "MQTT-4.7.1-1"),
        Refusal("#/a", "MQTT-4.7.1-1"),
        Refusal("##", "MQTT-4.7.1-1"),
        // '+' occupies an entire level [MQTT-4.7.1-2]
        Refusal("sport+", "MQTT-4.7.1-2"),
        Refusal("sport/+tennis", "MQTT-4.7.1-2"),
        Refusal("a/++", "MQTT-4.7.1-2"),
        // a share name of at least one character [MQTT-4.8.2-1]
        Refusal("$share//sport", "MQTT-4.8.2-1"),
        // no '+' or '#' in the share name, and '/' and a filter after it [MQTT-4.8.2-2]
        Refusal("$share/group", "MQTT-4.8.2-2"),
        Refusal("$share/group/", "MQTT-4.8.2-2"),
        Refusal("$share/gr+oup/sport", "MQTT-4.8.2-2"),
        Refusal("$share/#/sport", "MQTT-4.8.2-2"),
        Refusal("$share/", "MQTT-4.8.2-1"),
        // the filter after the share name follows the ordinary rules
        Refusal("$share/group/sport#", "MQTT-4.7.1-1"),
    ])
    func refusesInvalidFiltersWithTopicFilterInvalid(_ refusal: Refusal) {
        let error = #expect(throws: TopicError.self) { try TopicFilter(refusal.text) }
        #expect(error?.reasonCode == .topicFilterInvalid)
        #expect(error?.statement == refusal.statement)
    }

    @Test func parsesSharedSubscriptions() throws {
        let filter = try TopicFilter("$share/consumer1/sport/tennis/+")
        #expect(filter.isShared)
        #expect(filter.shareName == "consumer1")
        #expect(filter.pattern == "sport/tennis/+")
        #expect(filter.hasWildcards)
        #expect(try TopicFilter("$share/g/$SYS/uptime").pattern == "$SYS/uptime")
        #expect(try !TopicFilter("sport/tennis").hasWildcards)
    }

    @Test func filtersCompareByTheirWholeTextByteForByte() throws {
        #expect(try TopicFilter("$share/g/a") != TopicFilter("$share/h/a"))
        #expect(try TopicFilter("$share/g/a") != TopicFilter("a"))
        #expect(try TopicFilter("caf\u{E9}/#") != TopicFilter("cafe\u{301}/#"))
    }

    /// One row of the matching table: filter, name, whether they match, and why.
    struct MatchCase: Sendable, CustomTestStringConvertible {
        let filter: String
        let name: String
        let matches: Bool
        let reason: String

        init(_ filter: String, _ name: String, _ matches: Bool, _ reason: String) {
            self.filter = filter
            self.name = name
            self.matches = matches
            self.reason = reason
        }

        var testDescription: String { "'\(filter)' \(matches ? "matches" : "does not match") '\(name)' (\(reason))" }
    }

    @Test(arguments: [
        MatchCase("sport/tennis/player1/#", "sport/tennis/player1", true, "§4.7.1.2: # matches the parent"),
        MatchCase("sport/tennis/player1/#", "sport/tennis/player1/ranking", true, "§4.7.1.2"),
        MatchCase("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true, "§4.7.1.2"),
        MatchCase("sport/#", "sport", true, "§4.7.1.2"),
        MatchCase("#", "sport/tennis", true, "§4.7.1.2"),
        MatchCase("#", "/", true, "§4.7.1.2"),
        MatchCase("sport/tennis/+", "sport/tennis/player1", true, "§4.7.1.3"),
        MatchCase("sport/tennis/+", "sport/tennis/player1/ranking", false, "§4.7.1.3: + is one level"),
        MatchCase("sport/+", "sport", false, "§4.7.1.3"),
        MatchCase("sport/+", "sport/", true, "§4.7.1.3: + matches an empty level"),
        MatchCase("+/+", "/finance", true, "§4.7.1.3"),
        MatchCase("/+", "/finance", true, "§4.7.1.3"),
        MatchCase("+", "/finance", false, "§4.7.1.3"),
        MatchCase("a/+/c", "a//c", true, "+ matches an empty level"),
        MatchCase("#", "$SYS/monitor/Clients", false, "MQTT-4.7.2-1"),
        MatchCase("+/monitor/Clients", "$SYS/monitor/Clients", false, "MQTT-4.7.2-1"),
        MatchCase("+", "$", false, "MQTT-4.7.2-1"),
        MatchCase("$SYS/#", "$SYS/monitor/Clients", true, "§4.7.2"),
        MatchCase("$SYS/monitor/+", "$SYS/monitor/Clients", true, "§4.7.2"),
        MatchCase("a/#", "a/$SYS", true, "$ matters at the first level only"),
        MatchCase("ACCOUNTS", "Accounts", false, "§4.7.3: case sensitive"),
        MatchCase("caf\u{E9}", "cafe\u{301}", false, "MQTT-4.7.3-4: no normalization"),
        MatchCase("a/+", "a/\u{301}b", true, "levels split on the '/' byte"),
        MatchCase("sport/tennis", "sport/tennis/", false, "a trailing '/' adds a level"),
        MatchCase("$share/g/sport/#", "sport/x", true, "a shared filter matches by its pattern"),
        MatchCase("$share/g/#", "$SYS/x", false, "MQTT-4.7.2-1 applies to shared filters too"),
    ])
    func matchesAsTheSpecificationSays(_ row: MatchCase) throws {
        let filter = try TopicFilter(row.filter)
        let name = try TopicName(row.name)
        #expect(filter.matches(name) == row.matches)
    }
}
