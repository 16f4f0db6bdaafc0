import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 7 continued: the limits of a resumed connection apply to what is resent (§4.4).
extension C07FlowControlTests {
    /// A 5.0 subscriber with a kept session (60 s) on `f/6` at QoS 1, holding the payloads `1`, `2`,
    /// `3` unacknowledged (identifiers 1–3) when its connection drops.
    static func droppedWithThreeInFlight(_ broker: TestBroker, id: String) async throws {
        let subscriber = try await connected(broker, .v5, id: id, cleanStart: false, properties: "11 00 00 00 3c")
        try await subscriber.send(Wire.subscribe(.v5, filter: "f/6", qos: 1))
        #expect(try await subscriber.receive("90 04 00 01 00 01") == "90 04 00 01 00 01")
        let publisher = try await connected(broker, .v5, id: id + "-pub")
        for number: UInt8 in 1...3 {
            try await publisher.send(Wire.publish(.v5, topic: "f/6", payload: "\(number)", qos: 1, packetID: number))
        }
        let inFlight = (1...3).map { delivery(UInt8($0), topic: "f/6") }.joined(separator: " ")
        #expect(try await subscriber.receive(inFlight) == inFlight)
        await subscriber.drop()
        #expect(try await eventually { broker.hasDetachedSession(id) })
    }

    @Test func resentPublishesRespectTheResumedConnectionsReceiveMaximum() async throws {
        // [MQTT-4.4.0-1] unacknowledged PUBLISH packets are resent with DUP, but [MQTT-3.3.4-9] no more
        // at once than the new connection's Receive Maximum (1): the next follows each PUBACK.
        try await TestBroker.with { broker in
            try await Self.droppedWithThreeInFlight(broker, id: "c07-resume")
            let back = try await connected(
                broker, .v5, id: "c07-resume", cleanStart: false, sessionPresent: true,
                properties: "11 00 00 00 3c 21 00 01")
            for number: UInt8 in 1...3 {
                let resent = "3a" + Self.delivery(number, topic: "f/6").dropFirst(2)
                #expect(try await back.receive(resent) == resent)
                #expect(try await back.unread() == "")
                try await back.send("40 02 00 0\(number)")
            }
        }
    }

    @Test func resentPublishesLargerThanTheResumedConnectionsMaximumPacketSizeAreDiscarded() async throws {
        // [MQTT-3.1.2-24], [MQTT-3.1.2-25]: the resumed connection accepts 10 bytes; the 11-byte
        // deliveries are not resent but discarded as if delivered.
        try await TestBroker.with { broker in
            try await Self.droppedWithThreeInFlight(broker, id: "c07-resume-small")
            let back = try await connected(
                broker, .v5, id: "c07-resume-small", cleanStart: false, sessionPresent: true,
                properties: "11 00 00 00 3c 27 00 00 00 0a")
            #expect(try await back.unread() == "")
        }
    }
}
