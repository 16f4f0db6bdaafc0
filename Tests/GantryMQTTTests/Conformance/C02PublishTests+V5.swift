import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 2 continued: what only MQTT 5.0 PUBLISH carries (topic aliases, message
/// expiry, forwarded properties) and the client's Maximum Packet Size.
extension C02PublishTests {
    @Test func topicAliasSetByTheClientStandsForItsTopic() async throws {
        // [MQTT-3.3.2-12] the server accepts aliases 1…Topic Alias Maximum (64 in CONNACK); the
        // subscriber, which allowed no aliases, gets the full topic both times [MQTT-3.1.2-27].
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, .v5, id: "c02-ta-sub", filter: "t/a", qos: 0)
            let publisher = try await connected(broker, .v5, id: "c02-ta-pub")
            try await publisher.send("30 0b 00 03 74 2f 61 03 23 00 01 68 69")
            try await publisher.send("30 08 00 00 03 23 00 01 68 6f")
            let expected = "30 08 00 03 74 2f 61 00 68 69 30 08 00 03 74 2f 61 00 68 6f"
            #expect(try await subscriber.receive(expected) == expected)
        }
    }

    @Test(arguments: [
        ("30 0b 00 03 74 2f 61 03 23 00 00 68 69", UInt8(0x94)),  // alias 0 [MQTT-3.3.2-8]
        ("30 0b 00 03 74 2f 61 03 23 00 41 68 69", UInt8(0x94)),  // alias 65 > 64 [MQTT-3.3.2-9]
        ("30 08 00 00 03 23 00 02 68 69", UInt8(0x82)),  // empty topic, alias never set (§3.3.2.3.4)
    ])
    func invalidTopicAliasEndsTheConnection(_ publish: String, _ reason: UInt8) async throws {
        // §3.3.2.3.4: an alias outside 1…Topic Alias Maximum is 0x94; an unknown alias a protocol error.
        try await TestBroker.with { broker in
            let client = try await connected(broker, .v5, id: "c02-ta-bad")
            try await client.send(publish)
            #expect(try await disconnectReason(client) == reason)
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test func topicAliasesDoNotOutliveTheConnection() async throws {
        // [MQTT-3.3.2-7] alias mappings are not carried from one network connection to the next.
        try await TestBroker.with { broker in
            let first = try await connected(broker, .v5, id: "c02-ta-again")
            try await first.send("30 0b 00 03 74 2f 61 03 23 00 01 68 69")
            try await first.send("e0 00")
            #expect(try await first.closedByBroker().closed)
            let second = try await connected(broker, .v5, id: "c02-ta-again")
            try await second.send("30 08 00 00 03 23 00 01 68 6f")
            #expect(try await disconnectReason(second) == 0x82)
        }
    }

    @Test func serverSetsAliasesOnlyUpToTheClientsTopicAliasMaximum() async throws {
        // [MQTT-3.1.2-26], [MQTT-3.3.2-11]: the subscriber allows one alias (0x22 = 1); the first
        // delivery sets it with the topic, the second uses it with an empty topic, a second topic
        // gets no alias.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(
                broker, .v5, id: "c02-tao-sub", filter: "t/+", qos: 0, properties: "22 00 01")
            let publisher = try await connected(broker, .v5, id: "c02-tao-pub")
            try await publisher.send(Wire.publish(.v5, topic: "t/a", payload: "hi"))
            try await publisher.send(Wire.publish(.v5, topic: "t/a", payload: "hi"))
            try await publisher.send(Wire.publish(.v5, topic: "t/b", payload: "hi"))
            let expected =
                "30 0b 00 03 74 2f 61 03 23 00 01 68 69 30 08 00 00 03 23 00 01 68 69 30 08 00 03 74 2f 62 00 68 69"
            #expect(try await subscriber.receive(expected) == expected)
        }
    }

    @Test func messageExpiryIsForwardedAndAnExpiredRetainedMessageIsNotSent() async throws {
        // [MQTT-3.3.2-6] the forwarded interval is what is left (60 s, sent at once); [MQTT-3.3.2-5]
        // a retained message whose interval has passed is no longer delivered.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, .v5, id: "c02-exp-sub", filter: "t/e", qos: 0)
            let publisher = try await connected(broker, .v5, id: "c02-exp-pub")
            try await publisher.send("30 0d 00 03 74 2f 65 05 02 00 00 00 3c 68 69")
            let forwarded = "30 0d 00 03 74 2f 65 05 02 00 00 00 3c 68 69"
            #expect(try await subscriber.receive(forwarded) == forwarded)
            try await publisher.send("31 0d 00 03 74 2f 78 05 02 00 00 00 01 68 69")  // retained, expires in 1 s
            try await publisher.send("31 08 00 03 74 2f 79 00 68 69")  // retained, no expiry
            // The broker answers a connection's packets in order, so the PINGRESP says both are stored: the
            // wait below starts after the broker's clock started the 1 s, however late the broker read them.
            try await publisher.send("c0 00")
            #expect(try await publisher.receive("d0 00") == "d0 00")
            try await Task.sleep(for: .milliseconds(1_500))
            let late = try await subscribed(broker, .v5, id: "c02-exp-late", filter: "t/+", qos: 0)
            #expect(try await late.receive("31 08 00 03 74 2f 79 00 68 69") == "31 08 00 03 74 2f 79 00 68 69")
            #expect(try await late.unread() == "")
        }
    }

    @Test func applicationPropertiesAreForwardedUnaltered() async throws {
        // [MQTT-3.3.2-4] payload format indicator, [MQTT-3.3.2-20] content type, [MQTT-3.3.2-15] response
        // topic, [MQTT-3.3.2-16] correlation data, [MQTT-3.3.2-17], [MQTT-3.3.2-18] user properties
        // unaltered and in order (a repeated name included).
        let publish =
            "30 2f 00 03 74 2f 70 27 01 01 03 00 02 6a 73 08 00 03 72 2f 31 09 00 02 ab cd "
            + "26 00 01 6b 00 01 76 26 00 01 6b 00 01 77 26 00 01 61 00 01 62 68 69"
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, .v5, id: "c02-prop-sub", filter: "t/p", qos: 0)
            let publisher = try await connected(broker, .v5, id: "c02-prop-pub")
            try await publisher.send(publish)
            #expect(try await subscriber.receive(publish) == RawMQTTConnection.hex(RawMQTTConnection.bytes(publish)))
        }
    }

    @Test func subscriptionIdentifierFromAClientIsAProtocolError() async throws {
        // [MQTT-3.3.4-6] a PUBLISH from a client must not carry a subscription identifier (0x0B).
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, .v5, id: "c02-sid-sub", filter: "t/s", qos: 0)
            let client = try await connected(broker, .v5, id: "c02-sid")
            try await client.send("30 0a 00 03 74 2f 73 02 0b 01 68 69")
            #expect(try await disconnectReason(client) == 0x82)
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test func deliveriesLargerThanTheClientsMaximumPacketSizeAreDiscarded() async throws {
        // [MQTT-3.1.2-24] nothing above the client's Maximum Packet Size (0x27 = 16 bytes) is sent;
        // [MQTT-3.1.2-25] a delivery too large is discarded and the next one goes out as usual.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(
                broker, .v5, id: "c02-max-sub", filter: "t/m", qos: 0, properties: "27 00 00 00 10")
            let publisher = try await connected(broker, .v5, id: "c02-max-pub")
            try await publisher.send(Wire.publish(.v5, topic: "t/m", payload: "0123456789"))  // 18 bytes out
            try await publisher.send(Wire.publish(.v5, topic: "t/m", payload: "01234567"))  // exactly 16
            try await publisher.send(Wire.publish(.v5, topic: "t/m", payload: "hi"))
            let expected = "30 0e 00 03 74 2f 6d 00 30 31 32 33 34 35 36 37 30 08 00 03 74 2f 6d 00 68 69"
            #expect(try await subscriber.receive(expected) == expected)
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test func aTopicAliasIsNotAddedWhenItWouldExceedTheMaximumPacketSize() async throws {
        // [MQTT-3.1.2-24]: the delivery fits the client's 10 bytes only without the 3-byte alias
        // property, so it goes out with its topic and no alias.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(
                broker, .v5, id: "c02-tamax-sub", filter: "t/m", qos: 0, properties: "22 00 05 27 00 00 00 0a")
            let publisher = try await connected(broker, .v5, id: "c02-tamax-pub")
            try await publisher.send(Wire.publish(.v5, topic: "t/m", payload: "hi"))
            #expect(try await subscriber.receive("30 08 00 03 74 2f 6d 00 68 69") == "30 08 00 03 74 2f 6d 00 68 69")
        }
    }
}
