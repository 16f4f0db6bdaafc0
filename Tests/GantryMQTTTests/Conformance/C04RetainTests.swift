import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 4: retained messages (§3.3.1.3), byte for byte, both versions.
///
/// A publisher's PINGREQ/PINGRESP after its PUBLISH packets shows they were processed: the
/// broker handles one connection's packets in order.
@Suite struct C04RetainTests {
    @Test(arguments: ProtocolVersion.allCases)
    func retainedMessagesGoToNewSubscriptionsWithRetainSet(_ version: ProtocolVersion) async throws {
        // Stored and sent on subscribe with RETAIN 1: 3.1.1 [MQTT-3.3.1-5], [MQTT-3.3.1-6], [MQTT-3.3.1-8];
        // 5.0 [MQTT-3.3.1-5], [MQTT-3.3.1-9]. The QoS 2 one comes at the granted QoS 1 [MQTT-3.8.4-8].
        try await TestBroker.with { broker in
            let publisher = try await connected(broker, version, id: "c04-pub")
            try await publisher.send(Wire.publish(version, topic: "k/1", payload: "hi", retain: true))
            try await publisher.send(
                Wire.publish(version, topic: "k/2", payload: "ho", qos: 2, packetID: 1, retain: true))
            #expect(try await publisher.receive("50 02 00 01") == "50 02 00 01")
            let subscriber = try await subscribed(broker, version, id: "c04-sub", filter: "k/1", qos: 1)
            let first = version == .v5 ? "31 08 00 03 6b 2f 31 00 68 69" : "31 07 00 03 6b 2f 31 68 69"
            #expect(try await subscriber.receive(first) == first)
            try await subscriber.send(Wire.subscribe(version, packetID: 2, filter: "k/2", qos: 1))
            let second =
                Wire.suback(version, packetID: 2, code: 1) + " "
                + (version == .v5 ? "33 0a 00 03 6b 2f 32 00 01 00 68 6f" : "33 09 00 03 6b 2f 32 00 01 68 6f")
            #expect(try await subscriber.receive(second) == second)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func liveDeliveriesOfARetainedMessageHaveRetainCleared(_ version: ProtocolVersion) async throws {
        // 3.1.1 [MQTT-3.3.1-9], 5.0 [MQTT-3.3.1-12]: an established subscription gets RETAIN 0.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c04-live-sub", filter: "k/3", qos: 0)
            let publisher = try await connected(broker, version, id: "c04-live-pub")
            try await publisher.send(Wire.publish(version, topic: "k/3", payload: "hi", retain: true))
            let expected = version == .v5 ? "30 08 00 03 6b 2f 33 00 68 69" : "30 07 00 03 6b 2f 33 68 69"
            #expect(try await subscriber.receive(expected) == expected)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func aRetainedMessageIsReplacedOnlyByAnotherRetainedOne(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-3.3.1-5] / 3.1.1 [MQTT-3.3.1-7] `b` replaces `a`; 5.0 [MQTT-3.3.1-8] / 3.1.1
        // [MQTT-3.3.1-12] `c`, sent with RETAIN 0, neither replaces nor removes it.
        try await TestBroker.with { broker in
            let publisher = try await connected(broker, version, id: "c04-replace-pub")
            for (payload, retain) in [("a", true), ("b", true), ("c", false)] {
                try await publisher.send(Wire.publish(version, topic: "k/4", payload: payload, retain: retain))
            }
            try await publisher.send("c0 00")
            #expect(try await publisher.receive("d0 00") == "d0 00")
            let subscriber = try await subscribed(broker, version, id: "c04-replace-sub", filter: "k/4", qos: 0)
            let expected = version == .v5 ? "31 07 00 03 6b 2f 34 00 62" : "31 06 00 03 6b 2f 34 62"
            #expect(try await subscriber.receive(expected) == expected)
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func anEmptyRetainedMessageIsForwardedAndClearsTheTopic(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-3.3.1-6], [MQTT-3.3.1-7] / 3.1.1 [MQTT-3.3.1-10], [MQTT-3.3.1-11]: the empty message
        // goes to current subscribers as usual, removes the retained one and is not stored itself.
        try await TestBroker.with { broker in
            let live = try await subscribed(broker, version, id: "c04-clear-live", filter: "k/5", qos: 0)
            let publisher = try await connected(broker, version, id: "c04-clear-pub")
            try await publisher.send(Wire.publish(version, topic: "k/5", payload: "hi", retain: true))
            try await publisher.send(Wire.publish(version, topic: "k/5", payload: "", retain: true))
            let expected =
                version == .v5
                ? "30 08 00 03 6b 2f 35 00 68 69 30 06 00 03 6b 2f 35 00"
                : "30 07 00 03 6b 2f 35 68 69 30 05 00 03 6b 2f 35"
            #expect(try await live.receive(expected) == expected)
            let late = try await subscribed(broker, version, id: "c04-clear-late", filter: "k/5", qos: 0)
            #expect(try await late.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func subscribingAgainSendsTheRetainedMessagesAgain(_ version: ProtocolVersion) async throws {
        // 3.1.1 [MQTT-3.8.4-3] retained messages are re-sent when a subscription is replaced;
        // 5.0 [MQTT-3.3.1-9] with Retain Handling 0 they go out on every SUBSCRIBE.
        try await TestBroker.with { broker in
            let publisher = try await connected(broker, version, id: "c04-again-pub")
            try await publisher.send(Wire.publish(version, topic: "k/6", payload: "hi", retain: true))
            try await publisher.send("c0 00")
            #expect(try await publisher.receive("d0 00") == "d0 00")
            let subscriber = try await subscribed(broker, version, id: "c04-again-sub", filter: "k/6", qos: 0)
            let retained = version == .v5 ? "31 08 00 03 6b 2f 36 00 68 69" : "31 07 00 03 6b 2f 36 68 69"
            #expect(try await subscriber.receive(retained) == retained)
            try await subscriber.send(Wire.subscribe(version, packetID: 2, filter: "k/6", qos: 0))
            let again = Wire.suback(version, packetID: 2, code: 0) + " " + retained
            #expect(try await subscriber.receive(again) == again)
        }
    }

    @Test func retainHandlingDecidesWhenRetainedMessagesAreSent() async throws {
        // 5.0 [MQTT-3.3.1-10] Retain Handling 1 (0x10): only for a new subscription; [MQTT-3.3.1-9]
        // 0: on every SUBSCRIBE; [MQTT-3.3.1-11] 2 (0x20): never.
        try await TestBroker.with { broker in
            let publisher = try await connected(broker, .v5, id: "c04-rh-pub")
            try await publisher.send(Wire.publish(.v5, topic: "k/7", payload: "hi", retain: true))
            try await publisher.send("c0 00")
            #expect(try await publisher.receive("d0 00") == "d0 00")
            let subscriber = try await connected(broker, .v5, id: "c04-rh-sub")
            let retained = "31 08 00 03 6b 2f 37 00 68 69"
            try await subscriber.send(Wire.subscribe(.v5, packetID: 1, filter: "k/7", qos: 0, options: 0x10))
            #expect(try await subscriber.receive("90 04 00 01 00 00 " + retained) == "90 04 00 01 00 00 " + retained)
            try await subscriber.send(Wire.subscribe(.v5, packetID: 2, filter: "k/7", qos: 0, options: 0x10))
            #expect(try await subscriber.receive("90 04 00 02 00 00") == "90 04 00 02 00 00")
            #expect(try await subscriber.unread() == "")
            try await subscriber.send(Wire.subscribe(.v5, packetID: 3, filter: "k/7", qos: 0))
            #expect(try await subscriber.receive("90 04 00 03 00 00 " + retained) == "90 04 00 03 00 00 " + retained)
            try await subscriber.send(Wire.subscribe(.v5, packetID: 4, filter: "k/+", qos: 0, options: 0x20))
            #expect(try await subscriber.receive("90 04 00 04 00 00") == "90 04 00 04 00 00")
            #expect(try await subscriber.unread() == "")
        }
    }
}
