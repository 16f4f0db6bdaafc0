import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 2: PUBLISH and its acknowledgements (§3.3–3.7, §4.3), byte for byte, both versions.
///
/// Deliveries are written out in full: `30 07 00 03 74 2f 30 68 69` is PUBLISH QoS 0, remaining
/// length 7, topic `t/0`, payload `hi`; 5.0 adds a property length (`00`) after the topic or
/// packet identifier.
@Suite struct C02PublishTests {
    @Test(arguments: ProtocolVersion.allCases)
    func qos0IsDeliveredAsPublishedWithoutAcknowledgement(_ version: ProtocolVersion) async throws {
        // [MQTT-3.3.2-3] the topic name sent matches the filter; §4.3.1 QoS 0 has no acknowledgement.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c02-q0-sub", filter: "t/0", qos: 0)
            let publisher = try await connected(broker, version, id: "c02-q0-pub")
            try await publisher.send(version == .v5 ? "30 08 00 03 74 2f 30 00 68 69" : "30 07 00 03 74 2f 30 68 69")
            let expected = version == .v5 ? "30 08 00 03 74 2f 30 00 68 69" : "30 07 00 03 74 2f 30 68 69"
            #expect(try await subscriber.receive(expected) == expected)
            #expect(try await publisher.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func qos1IsAcknowledgedAndForwardedWithItsOwnIdentifierAndNoDup(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-2.2.1-5] / 3.1.1 [MQTT-2.3.1-6] PUBACK carries the PUBLISH's identifier; 5.0 [MQTT-2.2.1-4]
        // the server picks its own non-zero identifier; [MQTT-3.3.1-3] DUP on the way out is the
        // server's own (0 on a first delivery), whatever the publisher set.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c02-q1-sub", filter: "t/1", qos: 1)
            let publisher = try await connected(broker, version, id: "c02-q1-pub")
            try await publisher.send(
                version == .v5 ? "3a 0a 00 03 74 2f 31 00 0a 00 68 69" : "3a 09 00 03 74 2f 31 00 0a 68 69")
            #expect(try await publisher.receive("40 02 00 0a") == "40 02 00 0a")
            let expected = version == .v5 ? "32 0a 00 03 74 2f 31 00 01 00 68 69" : "32 09 00 03 74 2f 31 00 01 68 69"
            #expect(try await subscriber.receive(expected) == expected)
            try await subscriber.send("40 02 00 01")
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func qos2RunsTheFourPacketExchangeInBothDirections(_ version: ProtocolVersion) async throws {
        // Receiver side 5.0 [MQTT-4.3.3-8], [MQTT-4.3.3-11] / 3.1.1 [MQTT-4.3.3-2]: PUBREC, then PUBCOMP to PUBREL.
        // Sender side 5.0 [MQTT-4.3.3-1]…[MQTT-4.3.3-5] / 3.1.1 [MQTT-4.3.3-1]: PUBLISH, PUBREL on PUBREC.
        // [MQTT-3.6.1-1] PUBREL's fixed header flags are 0010.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c02-q2-sub", filter: "t/2", qos: 2)
            let publisher = try await connected(broker, version, id: "c02-q2-pub")
            try await publisher.send(
                version == .v5 ? "34 0a 00 03 74 2f 32 00 07 00 68 69" : "34 09 00 03 74 2f 32 00 07 68 69")
            #expect(try await publisher.receive("50 02 00 07") == "50 02 00 07")
            let expected = version == .v5 ? "34 0a 00 03 74 2f 32 00 01 00 68 69" : "34 09 00 03 74 2f 32 00 01 68 69"
            #expect(try await subscriber.receive(expected) == expected)
            try await subscriber.send("50 02 00 01")
            #expect(try await subscriber.receive("62 02 00 01") == "62 02 00 01")
            try await subscriber.send("70 02 00 01")
            try await publisher.send("62 02 00 07")
            #expect(try await publisher.receive("70 02 00 07") == "70 02 00 07")
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func qos2ResentBeforeReleaseIsNotForwardedTwice(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-4.3.3-10]: until PUBREL, a PUBLISH with the same identifier is answered with PUBREC
        // and not delivered again; [MQTT-4.3.3-12]: after PUBCOMP the identifier starts a new message.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c02-dup-sub", filter: "t/3", qos: 0)
            let publisher = try await connected(broker, version, id: "c02-dup-pub")
            try await publisher.send(Wire.publish(version, topic: "t/3", payload: "hi", qos: 2, packetID: 3))
            #expect(try await publisher.receive("50 02 00 03") == "50 02 00 03")
            try await publisher.send(
                Wire.publish(version, topic: "t/3", payload: "hi", qos: 2, packetID: 3, duplicate: true))
            #expect(try await publisher.receive("50 02 00 03") == "50 02 00 03")
            let first = version == .v5 ? "30 08 00 03 74 2f 33 00 68 69" : "30 07 00 03 74 2f 33 68 69"
            #expect(try await subscriber.receive(first) == first)
            #expect(try await subscriber.unread() == "")
            try await publisher.send("62 02 00 03")
            #expect(try await publisher.receive("70 02 00 03") == "70 02 00 03")
            try await publisher.send(Wire.publish(version, topic: "t/3", payload: "ho", qos: 2, packetID: 3))
            #expect(try await publisher.receive("50 02 00 03") == "50 02 00 03")
            let second = version == .v5 ? "30 08 00 03 74 2f 33 00 68 6f" : "30 07 00 03 74 2f 33 68 6f"
            #expect(try await subscriber.receive(second) == second)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func deliveryGoesOutAtTheLowerOfPublishedAndGrantedQoS(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-3.8.4-8] / 3.1.1 [MQTT-3.8.4-6]: QoS 2 published, QoS 0 and QoS 1 granted.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c02-down-sub", filter: "d/0", qos: 0)
            try await subscriber.send(Wire.subscribe(version, packetID: 2, filter: "d/1", qos: 1))
            let suback = Wire.suback(version, packetID: 2, code: 1)
            #expect(try await subscriber.receive(suback) == suback)
            let publisher = try await connected(broker, version, id: "c02-down-pub")
            try await publisher.send(Wire.publish(version, topic: "d/0", payload: "hi", qos: 2, packetID: 1))
            try await publisher.send(Wire.publish(version, topic: "d/1", payload: "hi", qos: 2, packetID: 2))
            let atQoS0 = version == .v5 ? "30 08 00 03 64 2f 30 00 68 69" : "30 07 00 03 64 2f 30 68 69"
            let atQoS1 = version == .v5 ? "32 0a 00 03 64 2f 31 00 01 00 68 69" : "32 09 00 03 64 2f 31 00 01 68 69"
            #expect(try await subscriber.receive(atQoS0) == atQoS0)
            #expect(try await subscriber.receive(atQoS1) == atQoS1)
            #expect(try await publisher.receive("50 02 00 01 50 02 00 02") == "50 02 00 01 50 02 00 02")
        }
    }

    /// PUBLISH packets the broker must refuse, with the 5.0 reason code it answers.
    enum RefusedPublish: String, CaseIterable, Sendable {
        case duplicateOnQoS0, qos3, multiLevelWildcardInTopic, singleLevelWildcardInTopic

        func bytes(_ version: ProtocolVersion) -> String {
            switch self {
            case .duplicateOnQoS0: Wire.publish(version, topic: "t/5", payload: "hi", duplicate: true)
            case .qos3: Wire.publish(version, topic: "t/5", payload: "hi", qos: 3, packetID: 1)
            case .multiLevelWildcardInTopic: Wire.publish(version, topic: "t/#", payload: "hi")
            case .singleLevelWildcardInTopic: Wire.publish(version, topic: "+/5", payload: "hi")
            }
        }

        var reasonCode: UInt8 {
            switch self {
            case .duplicateOnQoS0, .qos3: 0x81
            case .multiLevelWildcardInTopic, .singleLevelWildcardInTopic: 0x90
            }
        }
    }

    @Test(arguments: ProtocolVersion.allCases, RefusedPublish.allCases)
    func refusedPublishClosesTheConnectionAndReachesNobody(
        _ version: ProtocolVersion, _ publish: RefusedPublish
    ) async throws {
        // [MQTT-3.3.1-2] DUP 0 on QoS 0; [MQTT-3.3.1-4] QoS 3 is malformed; [MQTT-3.3.2-2], [MQTT-4.7.0-1]
        // no wildcards in a topic name. [MQTT-4.13.1-1] the server closes; 5.0 says why first
        // (0x81 malformed, 0x90 topic name invalid).
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c02-bad-sub", filter: "#", qos: 0)
            let client = try await connected(broker, version, id: "c02-bad")
            try await client.send(publish.bytes(version))
            if version == .v5 { #expect(try await disconnectReason(client) == publish.reasonCode) }
            #expect(try await client.closedByBroker() == (true, ""))
            #expect(try await subscriber.unread() == "")
        }
    }
}
