import Foundation
import GantryIngest
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import Testing

/// The alarm API through a running platform: rules posted over HTTP, samples written over HTTP, alarms
/// raised by the alarm service, acted on by operators and journaled; time moved by a manual clock.
@Suite struct AlarmAPITests {
    @Test(arguments: TestBackend.available)
    func aLimitAlarmIsRaisedAcknowledgedClearedAndJournaled(backend: TestBackend) async throws {
        try await AlarmFixture.with(backend: backend) { fixture in
            let client = fixture.client
            let created = try await client.send(
                .post, "/api/v1/alarm-rules", token: fixture.admin, json: AlarmFixture.vibrationRule)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.location] == "/api/v1/alarm-rules/fan-vibration")
            #expect(try created.json()["alarms"] as? [String] == ["fan-vibration.hh", "fan-vibration.h"])

            let changes = fixture.platform.live.subscribe(try LiveFilter(tags: [], alarms: true, rights: nil))
            defer { changes.cancel() }
            try await fixture.write(AlarmFixture.vibration, "9.2")
            let raised = try await fixture.waitFor("fan-vibration.h", "active_unacknowledged")
            #expect(raised["conditionActive"] as? Bool == true)
            #expect(raised["priority"] as? Int == 2)
            #expect(try await fixture.alarm("fan-vibration.hh")["state"] as? String == "normal")
            let published = try await withDeadline("the alarm change on the live bus") { await changes.next() }
            #expect(
                published?.events.contains(where: {
                    if case .alarm(let change) = $0 {
                        return change.alarmID == "fan-vibration.h" && change.state == "active_unacknowledged"
                            && change.tag?.description == AlarmFixture.vibration
                    }
                    return false
                }) == true)

            let listed = try await client.send(
                .get, "/api/v1/alarms?state=unacknowledged&path=acme/plant1", token: fixture.viewer)
            #expect(listed.status == .ok)
            #expect(
                (try listed.json()["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["fan-vibration.h"])

            // A viewer may look but not acknowledge.
            let refused = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/ack", token: fixture.viewer, json: #"{"comment":"seen"}"#)
            #expect(refused.status == .forbidden)
            let acknowledged = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/ack", token: fixture.operatorToken,
                json: #"{"comment":"sent the fitter"}"#)
            #expect(acknowledged.status == .ok, "\(acknowledged.text)")
            let body = try acknowledged.json()
            #expect(body["state"] as? String == "active_acknowledged")
            let by = body["acknowledged"] as? [String: Any]
            #expect(by?["user"] as? String == "li.wei")
            #expect(by?["comment"] as? String == "sent the fitter")
            let twice = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/ack", token: fixture.operatorToken)
            #expect(twice.status == .conflict, "an acknowledged alarm cannot be acknowledged again")

            // Inside the deadband (7.1 − 0.5) the alarm holds; below it, it clears.
            try await fixture.write(AlarmFixture.vibration, "6.9", at: 1000)
            try await fixture.write(AlarmFixture.vibration, "2.0", at: 2000)
            try await fixture.waitFor("fan-vibration.h", "normal")

            let journal = try await fixture.journal("fan-vibration.h")
            #expect(
                journal.map { "\($0["from"] ?? "")>\($0["to"] ?? "")" } == [
                    "active_acknowledged>normal", "active_unacknowledged>active_acknowledged",
                    "normal>active_unacknowledged",
                ])
            #expect(journal[1]["user"] as? String == "li.wei")
            #expect(journal[1]["comment"] as? String == "sent the fitter")
            #expect(journal[2]["value"] as? String == "9.2")
            #expect(journal[0]["value"] as? String == "2.0")
            let sequences = journal.compactMap { $0["sequence"] as? Int }
            #expect(sequences == sequences.sorted(by: >) && Set(sequences).count == 3)
        }
    }

    @Test func onDelayAndShelveExpiryFollowTheClock() async throws {
        try await AlarmFixture.with { fixture in
            let rule = #"""
                {"id":"fan-stopped","asset":"acme/plant1/fan-1","priority":1,"message":"Fan stopped",
                 "onDelayMilliseconds":5000,"condition":{"discrete":{"tag":"acme/plant1/fan-1/running","alarmState":false}}}
                """#
            let created = try await fixture.client.send(.post, "/api/v1/alarm-rules", token: fixture.admin, json: rule)
            #expect(created.status == .created, "\(created.text)")
            try await fixture.write(AlarmFixture.running, "false")
            try await fixture.waitForPending("fan-stopped")

            try await fixture.advance(by: .seconds(4))
            #expect(try await fixture.alarm("fan-stopped")["state"] as? String == "normal", "4 s into a 5 s on-delay")
            try await fixture.advance(by: .seconds(1))
            try await fixture.waitFor("fan-stopped", "active_unacknowledged")

            // Shelving needs a reason and a duration from 1 minute to 24 hours.
            for (json, status) in [
                (#"{"durationMinutes":30}"#, HTTPResponse.Status.unprocessableContent),
                (#"{"durationMinutes":0,"comment":"x"}"#, .unprocessableContent),
                (#"{"durationMinutes":1441,"comment":"x"}"#, .unprocessableContent),
                (#"{"durationMinutes":"soon","comment":"x"}"#, .badRequest),
            ] {
                let response = try await fixture.client.send(
                    .post, "/api/v1/alarms/fan-stopped/shelve", token: fixture.operatorToken, json: json)
                #expect(response.status == status, "\(json): \(response.text)")
            }
            let shelved = try await fixture.client.send(
                .post, "/api/v1/alarms/fan-stopped/shelve", token: fixture.operatorToken,
                json: #"{"durationMinutes":30,"comment":"fan out for repair, permit 4411"}"#)
            #expect(shelved.status == .ok, "\(shelved.text)")
            #expect(try shelved.json()["state"] as? String == "shelved")
            #expect(try shelved.json()["shelvedUntil"] as? String != nil)

            try await fixture.advance(by: .seconds(29 * 60))
            #expect(try await fixture.alarm("fan-stopped")["state"] as? String == "shelved")
            try await fixture.advance(by: .seconds(60))
            // The condition still holds, so the alarm comes back to be acknowledged.
            try await fixture.waitFor("fan-stopped", "active_unacknowledged")
            let journal = try await fixture.journal("fan-stopped")
            #expect(journal.first?["from"] as? String == "shelved")
            #expect(journal.first?["user"] == nil, "an expiry is nobody's action")
            #expect(journal.dropFirst().first?["comment"] as? String == "fan out for repair, permit 4411")
        }
    }

    @Test(arguments: TestBackend.available)
    func alarmStatesAndTheJournalSurviveARestart(backend: TestBackend) async throws {
        let clock = ManualClock()
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        try await TestPlatform.withRestartablePlatform(
            backend: backend, timing: TestPlatform.manualTiming(clock, start: start)
        ) {
            startPlatform in
            try await startPlatform { platform in
                try await platform.makeApplication().test(.router) { client in
                    let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                    try await AlarmFixture.provision(client, admin)
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        tasks.addTask { try await platform.alarms.run() }
                        defer { tasks.cancelAll() }
                        let fixture = AlarmFixture(
                            client: client, platform: platform, clock: clock, start: start, admin: admin,
                            operatorToken: try await client.signIn("li.wei", "night-shift-2026"), viewer: "")
                        let created = try await client.send(
                            .post, "/api/v1/alarm-rules", token: admin, json: AlarmFixture.vibrationRule)
                        #expect(created.status == .created)
                        try await fixture.write(AlarmFixture.vibration, "12.5")
                        try await fixture.waitFor("fan-vibration.hh", "active_unacknowledged")
                        let ack = try await client.send(
                            .post, "/api/v1/alarms/fan-vibration.hh/ack", token: fixture.operatorToken)
                        #expect(ack.status == .ok)
                    }
                }
            }
            try await startPlatform { platform in
                try await platform.makeApplication().test(.router) { client in
                    let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        tasks.addTask { try await platform.alarms.run() }
                        defer { tasks.cancelAll() }
                        let fixture = AlarmFixture(
                            client: client, platform: platform, clock: clock, start: start, admin: admin,
                            operatorToken: "", viewer: "")
                        #expect(
                            try await fixture.alarm("fan-vibration.hh")["state"] as? String == "active_acknowledged")
                        #expect(
                            try await fixture.alarm("fan-vibration.h")["state"] as? String == "active_unacknowledged")
                        let rules = try await client.send(.get, "/api/v1/alarm-rules", token: admin)
                        #expect(
                            (try rules.json()["items"] as? [[String: Any]])?.first?["updatedBy"] as? String == "admin")
                        // The journal numbering continues where it stopped.
                        let before = try await fixture.journal("fan-vibration.hh").compactMap { $0["sequence"] as? Int }
                        #expect(before.count == 2)
                        try await fixture.write(AlarmFixture.vibration, "1.0", at: 1000)
                        try await fixture.waitFor("fan-vibration.hh", "normal")
                        let after = try await fixture.journal("fan-vibration.hh").compactMap { $0["sequence"] as? Int }
                        #expect(after.count == 3 && after[0] > before.max() ?? .max)
                    }
                }
            }
        }
    }

    @Test func badRulesAndActionsAreRefusedWithAReason() async throws {
        try await AlarmFixture.with { fixture in
            let client = fixture.client
            let cases: [(String, String?, HTTPResponse.Status, String)] = [
                (
                    "unknown field",
                    #"{"id":"r1","asset":"acme/plant1/fan-1","priority":2,"message":"m","onDelayMs":5,"condition":{"limit":{"tag":"acme/plant1/fan-1/vibration","high":{"value":1}}}}"#,
                    .badRequest, "onDelayMs"
                ),
                (
                    "unknown tag",
                    #"{"id":"r1","asset":"acme/plant1/fan-1","priority":2,"message":"m","condition":{"limit":{"tag":"acme/plant1/fan-1/temperature","high":{"value":1}}}}"#,
                    .unprocessableContent, "acme/plant1/fan-1/temperature"
                ),
                (
                    "bad expression",
                    #"{"id":"r1","asset":"acme/plant1/fan-1","priority":2,"message":"m","condition":{"expression":"vibration >"}}"#,
                    .badRequest, "position 11"
                ),
                (
                    "priority out of range",
                    #"{"id":"r1","asset":"acme/plant1/fan-1","priority":7,"message":"m","condition":{"limit":{"tag":"acme/plant1/fan-1/vibration","high":{"value":1}}}}"#,
                    .badRequest, "priority"
                ),
            ]
            for (what, json, status, mention) in cases {
                let response = try await client.send(.post, "/api/v1/alarm-rules", token: fixture.admin, json: json)
                #expect(response.status == status, "\(what): \(response.text)")
                #expect(response.text.contains(mention), "\(what): \(response.text)")
            }
            let engineerOnly = try await client.send(
                .post, "/api/v1/alarm-rules", token: fixture.operatorToken, json: AlarmFixture.vibrationRule)
            #expect(engineerOnly.status == .forbidden)
            #expect(
                try await client.send(
                    .post, "/api/v1/alarm-rules", token: fixture.admin, json: AlarmFixture.vibrationRule
                )
                .status == .created)
            let duplicate = try await client.send(
                .post, "/api/v1/alarm-rules", token: fixture.admin, json: AlarmFixture.vibrationRule)
            #expect(duplicate.status == .conflict)
            let mismatched = try await client.send(
                .put, "/api/v1/alarm-rules/other", token: fixture.admin, json: AlarmFixture.vibrationRule)
            #expect(mismatched.status == .badRequest)

            #expect(
                try await client.send(.post, "/api/v1/alarms/nothing.h/ack", token: fixture.admin).status == .notFound)
            let normal = try await client.send(.post, "/api/v1/alarms/fan-vibration.h/ack", token: fixture.admin)
            #expect(normal.status == .conflict, "a normal alarm has nothing to acknowledge: \(normal.text)")
            #expect(
                try await client.send(.get, "/api/v1/alarms?state=burning", token: fixture.admin).status == .badRequest)
            #expect(try await client.send(.get, "/api/v1/alarms").status == .unauthorized)
            // Nothing of the refused requests was kept: one rule, no journal line.
            let rules = try await client.send(.get, "/api/v1/alarm-rules", token: fixture.admin)
            #expect(try rules.json()["total"] as? Int == 1)
            #expect(try await fixture.journal("fan-vibration.h").isEmpty)

            // An edit keeps the alarm's state; a delete removes the rule and its alarms.
            try await fixture.write(AlarmFixture.vibration, "9.0")
            try await fixture.waitFor("fan-vibration.h", "active_unacknowledged")
            let edited = try await client.send(
                .put, "/api/v1/alarm-rules/fan-vibration", token: fixture.admin,
                json: AlarmFixture.vibrationRule.replacingOccurrences(of: "Fan vibration", with: "Fan-1 vibration"))
            #expect(edited.status == .ok, "\(edited.text)")
            let kept = try await fixture.alarm("fan-vibration.h")
            #expect(kept["state"] as? String == "active_unacknowledged")
            #expect(kept["message"] as? String == "Fan-1 vibration (H)")
            #expect(
                try await client.send(.delete, "/api/v1/alarm-rules/fan-vibration", token: fixture.admin).status
                    == .noContent)
            #expect(
                try await client.send(.get, "/api/v1/alarms/fan-vibration.h", token: fixture.admin).status == .notFound)
        }
    }

    @Test func engineersSuppressAndTakeAlarmsOutOfServiceAndTheJournalSaysWhy() async throws {
        try await AlarmFixture.with { fixture in
            let client = fixture.client
            #expect(
                try await client.send(
                    .post, "/api/v1/alarm-rules", token: fixture.admin, json: AlarmFixture.vibrationRule
                )
                .status == .created)
            try await fixture.write(AlarmFixture.vibration, "9.0")
            try await fixture.waitFor("fan-vibration.h", "active_unacknowledged")
            // An operator acknowledges and shelves, but may not hide an alarm for good.
            let refused = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/remove-from-service", token: fixture.operatorToken)
            #expect(refused.status == .forbidden)
            let removed = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/remove-from-service", token: fixture.admin,
                json: #"{"comment":"transmitter VT-101 replaced, work order 7731"}"#)
            #expect(removed.status == .ok, "\(removed.text)")
            #expect(try removed.json()["state"] as? String == "out_of_service")
            // Suppressing an alarm that is out of service changes nothing visible, but is journaled as what it was.
            let suppressed = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/suppress", token: fixture.admin,
                json: #"{"comment":"line stopped"}"#)
            #expect(try suppressed.json()["state"] as? String == "out_of_service")
            let unsuppressed = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/unsuppress", token: fixture.admin)
            #expect(unsuppressed.status == .ok)
            let again = try await client.send(.post, "/api/v1/alarms/fan-vibration.h/unsuppress", token: fixture.admin)
            #expect(again.status == .conflict, "nothing to unsuppress: \(again.text)")
            let back = try await client.send(
                .post, "/api/v1/alarms/fan-vibration.h/return-to-service", token: fixture.admin)
            #expect(try back.json()["state"] as? String == "active_unacknowledged", "the condition still holds")

            let journal = try await fixture.journal("fan-vibration.h")
            #expect(
                journal.map { $0["cause"] as? String } == [
                    "return_to_service", "unsuppress", "suppress", "remove_from_service", "condition",
                ])
            #expect(
                journal[2]["from"] as? String == "out_of_service" && journal[2]["to"] as? String == "out_of_service")
            #expect(journal[3]["comment"] as? String == "transmitter VT-101 replaced, work order 7731")
        }
    }

    @Test func theFloodKPICountsAnnunciationsPerSite() async throws {
        try await AlarmFixture.with { fixture in
            let created = try await fixture.client.send(
                .post, "/api/v1/alarm-rules", token: fixture.admin, json: AlarmFixture.vibrationRule)
            #expect(created.status == .created)
            // Eleven excursions above H, each returning below the deadband: eleven annunciations.
            for excursion in 0..<11 {
                try await fixture.write(AlarmFixture.vibration, "9.0", at: Int64(excursion) * 2000)
                try await fixture.write(AlarmFixture.vibration, "1.0", at: Int64(excursion) * 2000 + 1000)
            }
            try await fixture.waitFor("fan-vibration.h", "returned_unacknowledged")
            for _ in 0..<2000 {
                if try await fixture.journal("fan-vibration.h").count == 22 { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            let to = fixture.start + 60_000
            let response = try await fixture.client.send(
                .get, "/api/v1/alarms/kpi?from=\(to - 600_000)&to=\(to)", token: fixture.viewer)
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            let thresholds = body["thresholds"] as? [String: Any]
            #expect(thresholds?["floodAbovePerTenMinutes"] as? Int == 10)
            let positions = body["positions"] as? [[String: Any]] ?? []
            #expect(positions.count == 1, "the viewer sees plant1 only")
            #expect(positions.first?["position"] as? String == "acme/plant1")
            #expect(positions.first?["annunciations"] as? Int == 11)
            #expect(positions.first?["lastTenMinutes"] as? Int == 11)
            #expect(positions.first?["flooding"] as? Bool == true)
            #expect(positions.first?["load"] as? String == "over_demanding")
            let backwards = try await fixture.client.send(
                .get, "/api/v1/alarms/kpi?from=\(to)&to=\(fixture.start)", token: fixture.viewer)
            #expect(backwards.status == .unprocessableContent)
        }
    }
}
