import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 3: SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK and topic matching (§3.8–3.11,
/// §4.7, §4.8), byte for byte, both versions.
@Suite struct C03SubscribeTests {
    @Test(arguments: ProtocolVersion.allCases)
    func subackHasOneCodePerFilterInOrderAndRefusesInvalidFilters(_ version: ProtocolVersion) async throws {
        // [MQTT-3.8.4-1], 5.0 [MQTT-2.2.1-6] SUBACK with the SUBSCRIBE's identifier; 5.0 [MQTT-3.8.4-6],
        // [MQTT-3.9.3-1] one code per filter, in order; [MQTT-4.7.1-1] `#` last, [MQTT-4.7.1-2] `+` a whole
        // level, [MQTT-4.8.2-2] a share name needs a filter: refused with 0x8F (5.0) or 0x80, the only
        // failure 3.1.1 knows [MQTT-3.9.3-2].
        try await TestBroker.with { broker in
            let client = try await connected(broker, version, id: "c03-codes")
            let filters: [(String, String)] = [
                ("s/a", "00"), ("s/b", "01"), ("s/c", "02"), ("s/#/x", "01"), ("s/a+", "00"), ("$share/g", "00"),
            ]
            let body = filters.map { Wire.string($0.0) + " " + $0.1 }.joined(separator: " ")
            try await client.send(Wire.packet(0x82, "00 01 " + (version == .v5 ? "00 " : "") + body))
            let expected = version == .v5 ? "90 09 00 01 00 00 01 02 8f 8f 8f" : "90 08 00 01 00 01 02 80 80 80"
            #expect(try await client.receive(expected) == expected)
        }
    }

    /// Packets whose fixed-header flags are not the ones their type requires.
    enum WrongFlags: String, CaseIterable, Sendable {
        case subscribe, unsubscribe, pubrel

        func bytes(_ version: ProtocolVersion) -> String {
            switch (self, version) {
            case (.subscribe, .v311): "80 08 00 01 00 03 73 2f 61 00"
            case (.subscribe, .v5): "80 09 00 01 00 00 03 73 2f 61 00"
            case (.unsubscribe, .v311): "a0 07 00 01 00 03 73 2f 61"
            case (.unsubscribe, .v5): "a0 08 00 01 00 00 03 73 2f 61"
            case (.pubrel, _): "60 02 00 01"
            }
        }
    }

    @Test(arguments: ProtocolVersion.allCases, WrongFlags.allCases)
    func wrongFixedHeaderFlagsAreMalformed(_ version: ProtocolVersion, _ packet: WrongFlags) async throws {
        // [MQTT-2.1.3-1], [MQTT-3.8.1-1], [MQTT-3.10.1-1], [MQTT-3.6.1-1]: flags 0010 or a malformed
        // packet; [MQTT-4.13.1-1] the connection is closed (5.0: DISCONNECT 0x81 first).
        try await TestBroker.with { broker in
            let client = try await connected(broker, version, id: "c03-flags")
            try await client.send(packet.bytes(version))
            if version == .v5 { #expect(try await disconnectReason(client) == 0x81) }
            #expect(try await client.closedByBroker() == (true, ""))
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func overlappingSubscriptionsDeliverOnceAtTheHighestQoS(_ version: ProtocolVersion) async throws {
        // 5.0 [MQTT-3.3.4-2] / 3.1.1 [MQTT-3.3.5-1] one copy at the highest granted QoS; 5.0
        // [MQTT-3.3.4-3], [MQTT-3.3.4-4] with the identifiers of both subscriptions, in any order.
        try await TestBroker.with { broker in
            let subscriber = try await connected(broker, version, id: "c03-overlap-sub")
            try await subscriber.send(Wire.subscribe(version, packetID: 1, filter: "o/+", qos: 1, properties: "0b 01"))
            #expect(
                try await subscriber.receive(Wire.suback(version, packetID: 1, code: 1))
                    == Wire.suback(version, packetID: 1, code: 1))
            try await subscriber.send(Wire.subscribe(version, packetID: 2, filter: "o/#", qos: 2, properties: "0b 02"))
            #expect(
                try await subscriber.receive(Wire.suback(version, packetID: 2, code: 2))
                    == Wire.suback(version, packetID: 2, code: 2))
            let publisher = try await connected(broker, version, id: "c03-overlap-pub")
            try await publisher.send(Wire.publish(version, topic: "o/x", payload: "hi", qos: 2, packetID: 1))
            let delivered = try await subscriber.packet()
            switch version {
            case .v311: #expect(delivered == "34 09 00 03 6f 2f 78 00 01 68 69")
            case .v5:
                #expect(
                    delivered == "34 0e 00 03 6f 2f 78 00 01 04 0b 01 0b 02 68 69"
                        || delivered == "34 0e 00 03 6f 2f 78 00 01 04 0b 02 0b 01 68 69")
            }
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func subscribingAgainToTheSameFilterReplacesTheSubscription(_ version: ProtocolVersion) async throws {
        // [MQTT-3.8.4-3]: the second SUBSCRIBE (QoS 0) replaces the first (QoS 1); one copy, at QoS 0.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c03-replace-sub", filter: "rp/1", qos: 1)
            try await subscriber.send(Wire.subscribe(version, packetID: 2, filter: "rp/1", qos: 0))
            #expect(
                try await subscriber.receive(Wire.suback(version, packetID: 2, code: 0))
                    == Wire.suback(version, packetID: 2, code: 0))
            let publisher = try await connected(broker, version, id: "c03-replace-pub")
            try await publisher.send(Wire.publish(version, topic: "rp/1", payload: "hi", qos: 1, packetID: 1))
            let expected = version == .v5 ? "30 09 00 04 72 70 2f 31 00 68 69" : "30 08 00 04 72 70 2f 31 68 69"
            #expect(try await subscriber.receive(expected) == expected)
            #expect(try await subscriber.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func topicsBeginningWithDollarAreNotMatchedByLeadingWildcards(_ version: ProtocolVersion) async throws {
        // [MQTT-4.7.2-1]: `#` and `+/y` do not match `$x/y`; `$x/#` does. The publisher may write to `$x/…`.
        let permissions = TopicPermissions(allow: ["#", "$x/#"])
        try await TestBroker.with(authenticator: OpenAuthenticator(permissions: permissions)) { broker in
            let wildcards = try await subscribed(broker, version, id: "c03-dollar-all", filter: "#", qos: 0)
            try await wildcards.send(Wire.subscribe(version, packetID: 2, filter: "+/y", qos: 0))
            #expect(
                try await wildcards.receive(Wire.suback(version, packetID: 2, code: 0))
                    == Wire.suback(version, packetID: 2, code: 0))
            let dollar = try await subscribed(broker, version, id: "c03-dollar-x", filter: "$x/#", qos: 0)
            let publisher = try await connected(broker, version, id: "c03-dollar-pub")
            try await publisher.send(Wire.publish(version, topic: "$x/y", payload: "hi"))
            try await publisher.send(Wire.publish(version, topic: "a/y", payload: "hi"))
            let toDollar = version == .v5 ? "30 09 00 04 24 78 2f 79 00 68 69" : "30 08 00 04 24 78 2f 79 68 69"
            #expect(try await dollar.receive(toDollar) == toDollar)
            let toPlain = version == .v5 ? "30 08 00 03 61 2f 79 00 68 69" : "30 07 00 03 61 2f 79 68 69"
            #expect(try await wildcards.receive(toPlain) == toPlain)
            #expect(try await wildcards.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func sharedSubscriptionSendsEachMessageToOneMemberInTurn(_ version: ProtocolVersion) async throws {
        // §4.8.2, [MQTT-4.8.2-1], [MQTT-4.8.2-2]: `$share/g/sh/1` shares `sh/1` between two sessions;
        // each message goes to one of them, here in turn.
        try await TestBroker.with { broker in
            let first = try await subscribed(broker, version, id: "c03-share-a", filter: "$share/g/sh/1", qos: 0)
            let second = try await subscribed(broker, version, id: "c03-share-b", filter: "$share/g/sh/1", qos: 0)
            let publisher = try await connected(broker, version, id: "c03-share-pub")
            for payload in ["1", "2", "3", "4"] {
                try await publisher.send(Wire.publish(version, topic: "sh/1", payload: payload))
            }
            let properties = version == .v5 ? "00 " : ""
            let length = version == .v5 ? "08" : "07"
            let firstGets =
                "30 \(length) 00 04 73 68 2f 31 \(properties)31 30 \(length) 00 04 73 68 2f 31 \(properties)33"
            let secondGets =
                "30 \(length) 00 04 73 68 2f 31 \(properties)32 30 \(length) 00 04 73 68 2f 31 \(properties)34"
            #expect(try await first.receive(firstGets) == firstGets)
            #expect(try await second.receive(secondGets) == secondGets)
            #expect(try await first.unread() == "")
            #expect(try await second.unread() == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func unsubscribeStopsDeliveriesAndReportsFiltersThatHadNoSubscription(_ version: ProtocolVersion) async throws {
        // [MQTT-3.10.4-4] UNSUBACK with the UNSUBSCRIBE's identifier; 5.0 [MQTT-3.11.3-1] one code per filter
        // in order, 0x11 for `u/2` that was never subscribed; [MQTT-3.10.4-2] no more deliveries on `u/1`.
        try await TestBroker.with { broker in
            let subscriber = try await subscribed(broker, version, id: "c03-unsub", filter: "u/1", qos: 0)
            try await subscriber.send(
                version == .v5
                    ? "a2 0d 00 02 00 00 03 75 2f 31 00 03 75 2f 32" : "a2 0c 00 02 00 03 75 2f 31 00 03 75 2f 32")
            let unsuback = version == .v5 ? "b0 05 00 02 00 00 11" : "b0 02 00 02"
            #expect(try await subscriber.receive(unsuback) == unsuback)
            let publisher = try await connected(broker, version, id: "c03-unsub-pub")
            try await publisher.send(Wire.publish(version, topic: "u/1", payload: "hi"))
            #expect(try await subscriber.unread() == "")
        }
    }
}
