import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 3 continued: the MQTT 5.0 subscription options No Local and Retain As Published.
extension C03SubscribeTests {
    @Test func noLocalKeepsAClientsOwnMessagesFromIt() async throws {
        // [MQTT-3.8.3-3]: options 0x04; the publisher's own subscription gets nothing, another client does.
        try await TestBroker.with { broker in
            let publisher = try await connected(broker, .v5, id: "c03-nolocal")
            try await publisher.send(Wire.subscribe(.v5, filter: "n/1", qos: 0, options: 0x04))
            #expect(try await publisher.receive("90 04 00 01 00 00") == "90 04 00 01 00 00")
            let other = try await subscribed(broker, .v5, id: "c03-nolocal-other", filter: "n/1", qos: 0)
            try await publisher.send(Wire.publish(.v5, topic: "n/1", payload: "hi"))
            #expect(try await other.receive("30 08 00 03 6e 2f 31 00 68 69") == "30 08 00 03 6e 2f 31 00 68 69")
            #expect(try await publisher.unread() == "")
        }
    }

    @Test func noLocalOnASharedSubscriptionIsAProtocolError() async throws {
        // [MQTT-3.8.3-4]: No Local on `$share/…` is a protocol error: DISCONNECT 0x82.
        try await TestBroker.with { broker in
            let client = try await connected(broker, .v5, id: "c03-nolocal-share")
            try await client.send(Wire.subscribe(.v5, filter: "$share/g/n", qos: 0, options: 0x04))
            #expect(try await disconnectReason(client) == 0x82)
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test func retainAsPublishedKeepsTheRetainFlagOnLiveDeliveries() async throws {
        // [MQTT-3.3.1-13] with Retain As Published (0x08) RETAIN stays 1; [MQTT-3.3.1-12] without, it is 0.
        try await TestBroker.with { broker in
            let keeps = try await connected(broker, .v5, id: "c03-rap")
            try await keeps.send(Wire.subscribe(.v5, filter: "r/1", qos: 0, options: 0x08))
            #expect(try await keeps.receive("90 04 00 01 00 00") == "90 04 00 01 00 00")
            let clears = try await subscribed(broker, .v5, id: "c03-rap-not", filter: "r/1", qos: 0)
            let publisher = try await connected(broker, .v5, id: "c03-rap-pub")
            try await publisher.send(Wire.publish(.v5, topic: "r/1", payload: "hi", retain: true))
            #expect(try await keeps.receive("31 08 00 03 72 2f 31 00 68 69") == "31 08 00 03 72 2f 31 00 68 69")
            #expect(try await clears.receive("30 08 00 03 72 2f 31 00 68 69") == "30 08 00 03 72 2f 31 00 68 69")
        }
    }
}
