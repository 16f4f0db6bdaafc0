import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 6 continued: the MQTT 5.0 Session Expiry Interval (§3.1.2.11.2, §3.14.2.2.2).
extension C06SessionTests {
    @Test func sessionEndsWhenItsExpiryIntervalHasPassed() async throws {
        // [MQTT-3.1.2-23], [MQTT-4.1.0-2]: expiry 1 s; once it has passed the session is gone and a
        // reconnect with Clean Start 0 finds none (Session Present 0, [MQTT-3.2.2-3]).
        try await TestBroker.with { broker in
            let client = try await connected(
                broker, .v5, id: "c06-exp", cleanStart: false, properties: "11 00 00 00 01")
            try await client.send("e0 00")
            #expect(try await client.closedByBroker().closed)
            #expect(try await eventually(timeout: .seconds(10)) { broker.broker.sessionCount == 0 })
            _ = try await connected(broker, .v5, id: "c06-exp", cleanStart: false, properties: "11 00 00 00 01")
        }
    }

    @Test func sessionWithoutExpiryEndsWithItsConnection() async throws {
        // §3.1.2.11.2: an absent Session Expiry Interval is 0, the session ends when the connection closes.
        try await TestBroker.with { broker in
            let client = try await connected(broker, .v5, id: "c06-zero", cleanStart: false)
            try await client.send("e0 00")
            #expect(try await client.closedByBroker().closed)
            #expect(try await eventually { broker.broker.sessionCount == 0 })
            _ = try await connected(broker, .v5, id: "c06-zero", cleanStart: false)
        }
    }

    @Test func queuedMessagesThatExpireWhileTheClientIsAwayAreNotSent() async throws {
        // [MQTT-3.3.2-5]: `a` (expiry 1 s) expires in the queue; `b` (no expiry) is delivered, and is
        // the first delivery of the resumed connection.
        try await TestBroker.with { broker in
            let client = try await Self.persistent(broker, .v5, id: "c06-stale", filter: "x/6", qos: 1)
            try await client.send("e0 00")
            #expect(try await client.closedByBroker().closed)
            #expect(try await eventually { broker.hasDetachedSession("c06-stale") })
            let publisher = try await connected(broker, .v5, id: "c06-stale-pub")
            try await publisher.send(
                Wire.publish(.v5, topic: "x/6", payload: "a", qos: 1, packetID: 1, properties: "02 00 00 00 01"))
            try await publisher.send(Wire.publish(.v5, topic: "x/6", payload: "b", qos: 1, packetID: 2))
            #expect(try await publisher.receive("40 02 00 01 40 02 00 02") == "40 02 00 01 40 02 00 02")
            try await Task.sleep(for: .milliseconds(1_500))
            let back = try await connected(
                broker, .v5, id: "c06-stale", cleanStart: false, sessionPresent: true, properties: Self.keep(.v5))
            #expect(try await back.receive("32 09 00 03 78 2f 36 00 01 00 62") == "32 09 00 03 78 2f 36 00 01 00 62")
            #expect(try await back.unread() == "")
        }
    }

    @Test func disconnectMayNotGiveAnExpiryToASessionThatHadNone() async throws {
        // §3.14.2.2.2: Session Expiry 0 in CONNECT and non-zero in DISCONNECT is a protocol error (0x82).
        try await TestBroker.with { broker in
            let client = try await connected(broker, .v5, id: "c06-late-expiry")
            try await client.send("e0 07 00 05 11 00 00 00 3c")
            #expect(try await disconnectReason(client) == 0x82)
            #expect(try await client.closedByBroker().closed)
        }
    }
}
