import Foundation
import GantryScheduling
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import Testing

/// Production scheduling through the API: problems in JSON, as benchmark text and over the plant's equipment,
/// solved in the background and checked independently; refusals that name the place at fault and keep
/// nothing; cancelling, a bounded queue, and rescheduling after a breakdown. Solves are bounded by iterations
/// where the test waits for them, so the tests stay light on a busy machine.
@Suite struct ScheduleAPITests {
    /// A small flexible job shop with named machines, a release date, a due date and a downtime window.
    static let small = #"""
        {"problem": {
          "machines": ["saw", "lathe", "mill"],
          "jobs": [
            {"name": "shaft", "operations": [{"machine": "saw", "duration": 3}, {"machine": "lathe", "duration": 5}]},
            {"name": "gear", "release": 2, "due": 20, "weight": 2,
             "operations": [{"alternatives": [{"machine": "lathe", "duration": 4}, {"machine": "mill", "duration": 6}]},
                            {"machine": 0, "duration": 2}]},
            {"operations": [{"machine": "mill", "duration": 4}, {"machine": "saw", "duration": 3}]}
          ],
          "windows": [{"machine": "mill", "start": 0, "end": 3}],
          "objective": {"makespanWeight": 1, "tardinessWeight": 1}
        }, "timeLimitSeconds": 5, "iterationLimit": 2000}
        """#

    static let smallProblem = SchedulingProblem(
        machineCount: 3,
        jobs: [
            Job(
                name: "shaft",
                operations: [JobOperation(machine: 0, duration: 3), JobOperation(machine: 1, duration: 5)]),
            Job(
                name: "gear",
                operations: [
                    JobOperation(alternatives: [
                        Alternative(machine: 1, duration: 4), Alternative(machine: 2, duration: 6),
                    ]),
                    JobOperation(machine: 0, duration: 2),
                ], release: 2, due: 20, weight: 2),
            Job(operations: [JobOperation(machine: 2, duration: 4), JobOperation(machine: 0, duration: 3)]),
        ], windows: [MachineWindow(machine: 2, start: 0, end: 3)],
        objective: .weightedSum(makespanWeight: 1, tardinessWeight: 1))

    static func ft06Body(timeLimit: Int = 10, iterations: Int? = 50_000) throws -> String {
        let limit = iterations.map { #", "iterationLimit": \#($0)"# } ?? ""
        return
            #"{"format": "jssp", "text": \#(ScheduleFixture.quoted(try ScheduleFixture.ft06)), "timeLimitSeconds": \#(timeLimit)\#(limit)}"#
    }

    @Test func ft06AsBenchmarkTextIsSolvedToItsOptimum() async throws {
        try await ScheduleFixture.with { fixture in
            let response = try await fixture.submit(try Self.ft06Body())
            try #require(response.status == .accepted, "\(response.text)")
            let accepted = try response.json()
            #expect(["queued", "running"].contains(accepted["state"] as? String))
            let id = try #require(accepted["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/schedules/\(id)")

            let view = try await fixture.waitFor(id)
            let result = try #require(view["result"] as? [String: Any])
            #expect(result["makespan"] as? Int == 55)
            #expect(result["lowerBound"] as? Int == 52)
            #expect(result["objectiveValue"] as? Int == 55)
            #expect(["limit", "optimal", "noImprovingMove"].contains(result["stopReason"] as? String))
            let problem = try JobShopFormat.parse(try ScheduleFixture.ft06)
            #expect(ScheduleChecker.violations(of: try ScheduleFixture.schedule(of: view), for: problem).isEmpty)
            let progress = try #require(view["progress"] as? [[String: Any]])
            #expect(!progress.isEmpty && progress.last?["makespan"] as? Int == 55, "\(progress)")
            #expect(
                view["origin"] as? String == "jssp" && view["jobs"] as? Int == 6 && view["operations"] as? Int == 36)

            let list = try await fixture.client.send(.get, "/api/v1/schedules", token: fixture.admin).json()
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["id"] as? String == id && items[0]["state"] as? String == "done")
            #expect(items[0]["result"] == nil && items[0]["progress"] == nil, "a list shows summaries")
            let metrics = try await fixture.client.send(.get, "/metrics", token: fixture.admin).text
            #expect(metrics.contains(#"gantry_schedule_solves_total{outcome="done"} 1"#), "\(metrics)")
        }
    }

    @Test func aJSONProblemWithNamesAlternativesAndDowntimeIsSolvedAndNamed() async throws {
        try await ScheduleFixture.with { fixture in
            let id = try await fixture.accepted(Self.small)
            let view = try await fixture.waitFor(id)
            #expect(
                ScheduleChecker.violations(of: try ScheduleFixture.schedule(of: view), for: Self.smallProblem).isEmpty)
            #expect(view["machineNames"] as? [String] == ["saw", "lathe", "mill"])
            let objective = try #require(view["objective"] as? [String: Any])
            #expect(objective["makespanWeight"] as? Int == 1 && objective["tardinessWeight"] as? Int == 1)
            let result = try #require(view["result"] as? [String: Any])
            let operations = try #require(result["operations"] as? [[String: Any]])
            let gear = try #require(operations.first { $0["job"] as? Int == 1 && $0["operation"] as? Int == 0 })
            #expect(gear["jobName"] as? String == "gear")
            #expect(["lathe", "mill"].contains(gear["machineName"] as? String))
            #expect(operations.first { $0["job"] as? Int == 2 }?["jobName"] == nil)
            let windows = try #require(result["windows"] as? [[String: Any]])
            #expect(
                windows.count == 1 && windows[0]["machineName"] as? String == "mill" && windows[0]["end"] as? Int == 3)
        }
    }

    /// Each invalid problem, the code it is refused with, and the job and operation named.
    static let invalid: [(String, String, Int?, Int?)] = [
        (
            #"{"machines": 2, "jobs": [{"operations": [{"machine": 0, "duration": 1}, {"machine": 5, "duration": 1}]}]}"#,
            "unknown_machine", 0, 1
        ),
        (
            #"{"machines": ["a"], "jobs": [{"operations": [{"machine": "a", "duration": 1}]}, {"operations": [{"machine": "b", "duration": 1}]}]}"#,
            "unknown_machine", 1, 0
        ),
        (
            #"{"machines": 2, "jobs": [{"operations": [{"machine": 0, "duration": 1}, {"alternatives": []}]}]}"#,
            "operation_without_machine", 0, 1
        ),
        (
            #"{"machines": 2, "jobs": [{"operations": [{"machine": 0, "duration": 1}]}, {"operations": [{"machine": 1, "duration": -4}]}]}"#,
            "negative_duration", 1, 0
        ),
        (#"{"machines": 2, "jobs": [{"operations": [{"machine": 0}]}]}"#, "malformed_input", 0, 0),
        (
            #"{"machines": 2, "jobs": [{"operations": [{"machine": 0, "duration": 1}, {"machine": 1, "duration": 1}]}, {"operations": [{"machine": 1, "duration": 1}]}],"#
                + #" "precedences": [{"before": {"job": 0, "operation": 1}, "after": {"job": 1, "operation": 0}}, {"before": {"job": 1, "operation": 0}, "after": {"job": 0, "operation": 0}}]}"#,
            "cycle", 0, 0
        ),
    ]

    @Test(arguments: invalid.indices) func anInvalidProblemIsRefusedNamingJobAndOperation(_ index: Int) async throws {
        let (problem, code, job, operation) = Self.invalid[index]
        try await ScheduleFixture.with { fixture in
            let response = try await fixture.submit(#"{"problem": \#(problem)}"#)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            let document = try response.json()
            #expect(document["code"] as? String == code, "\(document)")
            #expect(document["type"] as? String == "/problems/invalid-problem")
            if let job { #expect(document["job"] as? Int == job, "\(document)") }
            if let operation { #expect(document["operation"] as? Int == operation, "\(document)") }
            #expect((document["detail"] as? String)?.contains("job \(job ?? 0)") == true, "\(document)")
            let list = try await fixture.client.send(.get, "/api/v1/schedules", token: fixture.admin).json()
            #expect((list["items"] as? [Any])?.isEmpty == true, "nothing is kept")
        }
    }

    @Test func unknownKeysAtAnyDepthAreRefusedByName() async throws {
        try await ScheduleFixture.with { fixture in
            let cases = [
                (#"{"problem": {"machines": 1, "jobs": []}, "timelimit": 5}"#, "timelimit"),
                (
                    #"{"problem": {"machines": 1, "jobs": [{"operations": [{"machine": 0, "duration": 1, "setup": 2}]}]}}"#,
                    "problem.jobs[0].operations[0].setup"
                ),
                (
                    #"{"problem": {"machines": 1, "jobs": [], "objective": {"makespanWeight": 1, "tardinessWeight": 1, "x": 1}}}"#,
                    "problem.objective.x"
                ),
                (
                    #"{"plant": {"workOrders": [{"name": "wo", "operations": [{"equipment": "a/b/c/d", "duration": 1, "speed": 1}]}]}}"#,
                    "plant.workOrders[0].operations[0].speed"
                ),
                // Each kind of problem takes its own resource key only.
                (
                    #"{"problem": {"machines": 2, "jobs": [{"operations": [{"alternatives": [{"equipment": "a/b/c/d", "duration": 1}]}]}]}}"#,
                    "problem.jobs[0].operations[0].alternatives[0].equipment"
                ),
                (
                    #"{"plant": {"workOrders": [{"operations": [{"machine": 0, "duration": 1}]}]}}"#,
                    "plant.workOrders[0].operations[0].machine"
                ),
                (
                    #"{"plant": {"workOrders": [], "downtime": [{"machine": 0, "start": 0, "end": 1}]}}"#,
                    "plant.downtime[0].machine"
                ),
            ]
            for (body, key) in cases {
                let response = try await fixture.submit(body)
                #expect(response.status == .badRequest, "\(body): \(response.text)")
                #expect(response.text.contains("unknown field '\(key)'"), "\(response.text)")
            }
            let neither = try await fixture.submit(#"{"timeLimitSeconds": 5}"#)
            #expect(neither.status == .badRequest && neither.text.contains("exactly one of"), "\(neither.text)")
            let tooLong = try await fixture.submit(
                #"{"problem": {"machines": 1, "jobs": []}, "timeLimitSeconds": 301}"#)
            #expect(tooLong.status == .badRequest && tooLong.text.contains("timeLimitSeconds"), "\(tooLong.text)")
        }
    }

    @Test func aProblemTooLargeIsRefusedAndNothingIsKept() async throws {
        try await ScheduleFixture.with { fixture in
            let jobs = Array(repeating: #"{"operations": [{"machine": 0, "duration": 1}]}"#, count: 2_001)
            let operations = try await fixture.submit(
                #"{"problem": {"machines": 1, "jobs": [\#(jobs.joined(separator: ","))]}}"#)
            #expect(operations.status == .unprocessableContent, "\(operations.text)")
            #expect(operations.text.contains("2001 operations") && operations.text.contains("too_large"))
            let machines = try await fixture.submit(
                #"{"problem": {"machines": 101, "jobs": [{"operations": [{"machine": 0, "duration": 1}]}]}}"#)
            #expect(machines.status == .unprocessableContent && machines.text.contains("101 machines"))
            let long = try await fixture.submit(
                #"{"problem": {"machines": 1, "jobs": [{"operations": [{"machine": 0, "duration": 100000000}]}]}}"#)
            #expect(long.status == .unprocessableContent && long.text.contains("too_large"), "\(long.text)")
            let list = try await fixture.client.send(.get, "/api/v1/schedules", token: fixture.admin).json()
            #expect((list["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func anUnknownScheduleIs404() async throws {
        try await ScheduleFixture.with { fixture in
            let id = UUID().uuidString
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/v1/schedules/\(id)"), (.delete, "/api/v1/schedules/\(id)"),
            ] {
                let response = try await fixture.client.send(method, path, token: fixture.admin)
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
            }
            let reschedule = try await fixture.client.send(
                .post, "/api/v1/schedules/\(id)/reschedule", token: fixture.admin,
                json: #"{"at": 0, "event": {"machineDown": {"machine": 0, "from": 0, "to": 5}}}"#)
            #expect(reschedule.status == .notFound)
            let malformed = try await fixture.client.send(.get, "/api/v1/schedules/nope", token: fixture.admin)
            #expect(malformed.status == .badRequest)
        }
    }

    @Test func aRunningSolveShowsItsBestSoFarAndCancellingKeepsItsBestSchedule() async throws {
        try await ScheduleFixture.with { fixture in
            let id = try await fixture.accepted(try Self.ft06Body(timeLimit: 300, iterations: nil))
            _ = try await fixture.waitFor(id, ["running"], withResult: false)
            let problem = try JobShopFormat.parse(try ScheduleFixture.ft06)
            // The solver's first schedule is sent at once; the view shows it as a preview until there is a result.
            try await withDeadline("a preview of the running solve", limit: .seconds(60)) {
                while try await fixture.schedule(id)["preview"] == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let running = try await fixture.schedule(id)
            #expect(running["state"] as? String == "running" && running["result"] == nil)
            let preview = try ScheduleFixture.schedule(of: running, "preview")
            #expect(preview.operations.count == 36)
            #expect(ScheduleChecker.violations(of: preview, for: problem).isEmpty)
            #expect((running["preview"] as? [String: Any])?["makespan"] as? Int == preview.makespan)
            let cancelled = try await fixture.client.send(.delete, "/api/v1/schedules/\(id)", token: fixture.admin)
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.json()["state"] as? String == "cancelled")
            let view = try await fixture.waitFor(id, ["cancelled"])
            #expect(ScheduleChecker.violations(of: try ScheduleFixture.schedule(of: view), for: problem).isEmpty)
            #expect(view["finishedAt"] != nil && view["preview"] == nil)
        }
    }

    @Test func aFullQueueRefusesWith429AndRescheduleWaitsForASchedule() async throws {
        try await ScheduleFixture.with { fixture in
            let body = try Self.ft06Body(timeLimit: 300, iterations: nil)
            var ids = [try await fixture.accepted(body)]
            _ = try await fixture.waitFor(ids[0], ["running"], withResult: false)
            for _ in 0..<4 { ids.append(try await fixture.accepted(body)) }
            let refused = try await fixture.submit(body)
            #expect(refused.status == .tooManyRequests, "\(refused.text)")
            #expect(refused.headers[.retryAfter] != nil)
            #expect(refused.text.contains("already waiting"))
            let metrics = try await fixture.client.send(.get, "/metrics", token: fixture.admin).text
            #expect(metrics.contains("gantry_schedule_refusals_total 1"))
            #expect(metrics.contains(#"gantry_schedules{state="queued"} 4"#))

            let early = try await fixture.client.send(
                .post, "/api/v1/schedules/\(ids[1])/reschedule", token: fixture.admin,
                json: #"{"at": 0, "event": {"machineDown": {"machine": 0, "from": 0, "to": 5}}}"#)
            #expect(early.status == .conflict, "\(early.text)")

            for id in ids.reversed() {
                let response = try await fixture.client.send(.delete, "/api/v1/schedules/\(id)", token: fixture.admin)
                #expect(response.status == .ok)
            }
            let list = try await fixture.client.send(.get, "/api/v1/schedules", token: fixture.admin).json()
            let states = try #require(list["items"] as? [[String: Any]]).map { $0["state"] as? String }
            #expect(states == Array(repeating: "cancelled", count: 5), "\(states)")
            let again = try await fixture.accepted(body)
            #expect(
                try await fixture.client.send(.delete, "/api/v1/schedules/\(again)", token: fixture.admin).status == .ok
            )
        }
    }

    @Test func aViewerReadsButMayNotSubmit() async throws {
        try await ScheduleFixture.with { fixture in
            let id = try await fixture.accepted(Self.small)
            let created = try await fixture.client.send(
                .post, "/api/v1/users", token: fixture.admin,
                json:
                    #"{"username": "planner", "password": "planner-password", "grants": [{"role": "viewer", "path": "*"}]}"#
            )
            try #require(created.status == .created, "\(created.text)")
            let viewer = try await fixture.client.signIn("planner", "planner-password")
            #expect(
                try await fixture.client.send(.post, "/api/v1/schedules", token: viewer, json: Self.small).status
                    == .forbidden)
            #expect(try await fixture.client.send(.get, "/api/v1/schedules/\(id)", token: viewer).status == .ok)
            #expect(
                try await fixture.client.send(.delete, "/api/v1/schedules/\(id)", token: viewer).status == .forbidden)
            #expect(try await fixture.client.send(.get, "/api/v1/schedules").status == .unauthorized)
        }
    }
}
