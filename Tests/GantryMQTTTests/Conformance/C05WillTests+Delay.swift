import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 5 continued: the MQTT 5.0 Will Delay Interval (§3.1.3.2.2) and wills on
/// session takeover (§3.1.4).
extension C05WillTests {
    /// CONNECT properties: Session Expiry Interval 60 s.
    static let keepSession = "11 00 00 00 3c"

    /// The will `gone` on `w/1` with a Will Delay Interval of `seconds`.
    static func delayed(_ seconds: UInt8) -> Wire.Will {
        Wire.Will(topic: "w/1", payload: "gone", properties: "18 00 00 00 \(Wire.hexByte(Int(seconds)))")
    }

    @Test func delayedWillIsPublishedOnceTheDelayHasPassed() async throws {
        // [MQTT-3.1.2-8]: will delay 1 s, session expiry 60 s; the will goes out after the delay.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "c05-delay-watch", filter: "w/#", qos: 0)
            let client = try await connected(
                broker, .v5, id: "c05-delay", properties: Self.keepSession, will: Self.delayed(1))
            await client.drop()
            #expect(try await watcher.receive(Self.will(.v5), timeout: .seconds(10)) == Self.will(.v5))
        }
    }

    @Test func delayedWillIsNotPublishedWhenTheSessionResumesInTime() async throws {
        // [MQTT-3.1.3-9]: a new connection to the session before the delay (30 s) passes: no will. The broker
        // publishes a delayed will only if it is still on its pending list when the delay ends, so the will
        // taken off that list at the resume is one that never goes out; no wait for the delay is needed.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "c05-resume-watch", filter: "w/#", qos: 0)
            let client = try await connected(
                broker, .v5, id: "c05-resume", cleanStart: false, properties: Self.keepSession, will: Self.delayed(30))
            await client.drop()
            #expect(try await eventually { broker.hasPendingWill("c05-resume") })
            _ = try await connected(
                broker, .v5, id: "c05-resume", cleanStart: false, sessionPresent: true, properties: Self.keepSession)
            #expect(!broker.hasPendingWill("c05-resume"))
            #expect(try await watcher.unread(settle: .milliseconds(500)) == "")
        }
    }

    @Test func delayedWillIsPublishedWhenTheSessionEnds() async throws {
        // [MQTT-3.1.2-8] "or the Session ends": with Session Expiry 0 the session ends at the close,
        // so a will delay of 60 s does not hold the will back.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "c05-end-watch", filter: "w/#", qos: 0)
            let client = try await connected(broker, .v5, id: "c05-end", will: Self.delayed(60))
            await client.drop()
            #expect(try await watcher.receive(Self.will(.v5)) == Self.will(.v5))
        }
    }

    @Test func cleanStartEndsTheSessionAndSendsItsDelayedWill() async throws {
        // §3.1.3.2.2: a new connection with Clean Start 1 ends the old session, so its will (delay 60 s)
        // goes out then, as mosquitto does, rather than never.
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "c05-clean-watch", filter: "w/#", qos: 0)
            let client = try await connected(
                broker, .v5, id: "c05-clean", cleanStart: false, properties: Self.keepSession, will: Self.delayed(60))
            await client.drop()
            #expect(try await eventually { broker.connectedClients == 1 })
            _ = try await connected(broker, .v5, id: "c05-clean")
            #expect(try await watcher.receive(Self.will(.v5)) == Self.will(.v5))
        }
    }

    @Test(arguments: [false, true])
    func takeoverSendsTheWillUnlessTheSessionIsResumedWithADelay(_ cleanStart: Bool) async throws {
        // [MQTT-3.1.4-3] the old connection gets DISCONNECT 0x8E and is closed; §3.1.3.2.2 its will
        // (delay 60 s) is sent unless the new connection has Clean Start 0 [MQTT-3.1.2-8].
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "c05-take-watch", filter: "w/#", qos: 0)
            let old = try await connected(
                broker, .v5, id: "c05-take", cleanStart: false, properties: Self.keepSession, will: Self.delayed(60))
            _ = try await connected(
                broker, .v5, id: "c05-take", cleanStart: cleanStart, sessionPresent: !cleanStart,
                properties: Self.keepSession)
            #expect(try await old.receive("e0 01 8e") == "e0 01 8e")
            #expect(try await old.closedByBroker() == (true, ""))
            if cleanStart {
                #expect(try await watcher.receive(Self.will(.v5)) == Self.will(.v5))
            } else {
                #expect(try await watcher.unread(settle: .milliseconds(500)) == "")
            }
        }
    }

    @Test func takeoverSendsTheWillIn311() async throws {
        // 3.1.1 [MQTT-3.1.4-2] the existing client is disconnected (no DISCONNECT in 3.1.1) and, having
        // sent no DISCONNECT itself, its will is published [MQTT-3.1.2-8].
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v311, id: "c05-take311-watch", filter: "w/#", qos: 0)
            let old = try await connected(broker, .v311, id: "c05-take311", will: Self.gone)
            _ = try await connected(broker, .v311, id: "c05-take311")
            #expect(try await old.closedByBroker() == (true, ""))
            #expect(try await watcher.receive(Self.will(.v311)) == Self.will(.v311))
        }
    }
}
