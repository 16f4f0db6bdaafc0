import Foundation
import GantryServer
import GantryTesting
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Webhook notifications of new alarms, from a rule through the alarm service and the dispatcher to a real
/// HTTP receiver on loopback; retry waits on the manual clock.
@Suite struct AlarmNotificationTests {
    typealias Receiver = WebhookDispatcherTests.Receiver

    @Test func newAlarmsOfTheWebhooksPriorityArePostedAndFailuresBecomeDeadLetters() async throws {
        let pager = Receiver([200])
        let broken = Receiver([500])
        try await pager.application().test(.live) { pagerClient in
            try await broken.application().test(.live) { brokenClient in
                let pagerURL = "http://127.0.0.1:\(try #require(pagerClient.port))/hook"
                let brokenURL = "http://127.0.0.1:\(try #require(brokenClient.port))/hook"
                try await AlarmFixture.with { fixture in
                    try await Self.run(fixture, pager: pager, pagerURL: pagerURL, broken: broken, brokenURL: brokenURL)
                }
            }
        }
    }

    static func run(
        _ fixture: AlarmFixture, pager: Receiver, pagerURL: String, broken: Receiver, brokenURL: String
    ) async throws {
        let client = fixture.client
        for (json, status) in [
            (#"{"enterprise":"acme/plant1","url":"\#(pagerURL)"}"#, HTTPResponse.Status.unprocessableContent),
            (#"{"enterprise":"acme","url":"ftp://127.0.0.1/x"}"#, .unprocessableContent),
            (#"{"enterprise":"acme","url":"\#(pagerURL)","minimumPriority":9}"#, .unprocessableContent),
            (#"{"enterprise":"acme","url":"\#(pagerURL)","secret":"x"}"#, .badRequest),
        ] {
            let response = try await client.send(.post, "/api/v1/webhooks", token: fixture.admin, json: json)
            #expect(response.status == status, "\(json): \(response.text)")
        }
        let notEngineer = try await client.send(
            .post, "/api/v1/webhooks", token: fixture.operatorToken,
            json: #"{"enterprise":"acme","url":"\#(pagerURL)"}"#)
        #expect(notEngineer.status == .forbidden)
        // The pager only for priority 1; the broken receiver for everything.
        let paged = try await client.send(
            .post, "/api/v1/webhooks", token: fixture.admin,
            json: #"{"enterprise":"acme","url":"\#(pagerURL)","minimumPriority":1}"#)
        #expect(paged.status == .created, "\(paged.text)")
        let failing = try await client.send(
            .post, "/api/v1/webhooks", token: fixture.admin, json: #"{"enterprise":"acme","url":"\#(brokenURL)"}"#)
        #expect(failing.status == .created, "\(failing.text)")
        let brokenID = try #require(try failing.json()["id"] as? String)
        #expect(
            try await client.send(.post, "/api/v1/alarm-rules", token: fixture.admin, json: AlarmFixture.vibrationRule)
                .status == .created)

        // H (priority 2) first, then HH (priority 1): the pager gets the HH alone.
        try await fixture.write(AlarmFixture.vibration, "9.0")
        try await fixture.waitFor("fan-vibration.h", "active_unacknowledged")
        try await fixture.write(AlarmFixture.vibration, "12.0", at: 1000)
        try await fixture.waitFor("fan-vibration.hh", "active_unacknowledged")
        try await WebhookDispatcherTests.until("the pager's notification") { pager.hits >= 1 }
        let page = try JSONSerialization.jsonObject(with: Data(pager.bodies.withLock { $0[0] }.utf8)) as? [String: Any]
        #expect(page?["id"] as? String == "fan-vibration.hh")
        #expect(page?["state"] as? String == "active_unacknowledged")
        #expect(page?["priority"] as? Int == 1)
        #expect(page?["value"] as? String == "12.0")

        // The broken receiver got both alarms once each; after four doubling waits (2+4+8+16 s) and five
        // attempts each, both are dead letters.
        try await WebhookDispatcherTests.until("first attempts at the broken receiver") { broken.hits == 2 }
        for wait in [2, 4, 8, 16] {
            try await fixture.clock.waitForSleepers(3)
            fixture.clock.advance(by: .seconds(wait))
            try await WebhookDispatcherTests.until("attempts after \(wait) s") {
                broken.hits == 2 * (1 + [2, 4, 8, 16].firstIndex(of: wait)! + 1)
            }
        }
        var letters: [[String: Any]] = []
        for _ in 0..<2000 where letters.count < 2 {
            let response = try await client.send(.get, "/api/v1/webhooks/dead-letters", token: fixture.admin)
            letters = try response.json()["items"] as? [[String: Any]] ?? []
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(letters.count == 2)
        #expect(letters.allSatisfy { $0["webhook"] as? String == brokenID && $0["error"] as? String == "HTTP 500" })
        #expect(letters.allSatisfy { $0["attempts"] as? Int == 5 })
        #expect(pager.hits == 1, "the priority-2 alarm never reached the priority-1 pager")
        // A viewer of the plant sees no webhook configuration.
        let hidden = try await client.send(.get, "/api/v1/webhooks/dead-letters", token: fixture.viewer)
        #expect((try hidden.json()["items"] as? [[String: Any]])?.isEmpty == true)
        #expect(
            try await client.send(.delete, "/api/v1/webhooks/\(brokenID)", token: fixture.admin).status == .noContent)
        #expect(
            try await client.send(.delete, "/api/v1/webhooks/\(brokenID)", token: fixture.admin).status == .notFound)
    }
}
