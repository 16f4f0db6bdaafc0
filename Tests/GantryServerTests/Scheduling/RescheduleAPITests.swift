import Foundation
import GantryScheduling
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Rescheduling a done schedule after a shop-floor event: started work keeps its place, nothing runs while the
/// machine is down, and the result says what moved.
@Suite struct RescheduleAPITests {
    @Test func aMachineDownGivesAValidScheduleAroundTheWindowKeepingStartedWork() async throws {
        try await ScheduleFixture.with { fixture in
            let source = try await fixture.accepted(try ScheduleAPITests.ft06Body())
            let before = try ScheduleFixture.schedule(of: try await fixture.waitFor(source))
            let (at, machine, from, to) = (8, 0, 10, 25)
            let response = try await fixture.client.send(
                .post, "/api/v1/schedules/\(source)/reschedule", token: fixture.admin,
                json: #"""
                    {"at": \#(at), "event": {"machineDown": {"machine": \#(machine), "from": \#(from), "to": \#(to)}},
                     "timeLimitSeconds": 5, "iterationLimit": 5000}
                    """#)
            try #require(response.status == .accepted, "\(response.text)")
            let id = try #require(try response.json()["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/schedules/\(id)")
            #expect(try response.json()["rescheduledFrom"] as? String == source)

            let view = try await fixture.waitFor(id)
            #expect(view["origin"] as? String == "reschedule")
            let result = try #require(view["result"] as? [String: Any])
            #expect(result["rescheduledFrom"] as? String == source && result["rescheduledAt"] as? Int == at)
            let operations = try #require(result["operations"] as? [[String: Any]])
            let moved = try #require(result["movedOperations"] as? Int)
            #expect(moved == operations.filter { $0["moved"] as? Bool == true }.count, "\(moved)")
            let windows = try #require(result["windows"] as? [[String: Any]])
            #expect(windows.contains { $0["machine"] as? Int == machine && $0["start"] as? Int == from })

            let after = try ScheduleFixture.schedule(of: view)
            for operation in after.operations where operation.machine == machine {
                #expect(operation.end <= from || operation.start >= to, "\(operation) overlaps the breakdown")
            }
            // Everything that had started by `at` is where it was, unless the breakdown cut it short.
            let placed = Dictionary(uniqueKeysWithValues: after.operations.map { ($0.id, $0) })
            for old in before.operations where old.start < at {
                let interrupted = old.machine == machine && old.start < from && old.end > from
                guard !interrupted else { continue }
                #expect(placed[old.id]?.start == old.start && placed[old.id]?.machine == old.machine, "\(old)")
            }
            var problem = try JobShopFormat.parse(try ScheduleFixture.ft06)
            problem.windows.append(MachineWindow(machine: machine, start: from, end: to))
            problem.frozen = operations.filter { $0["frozen"] as? Bool == true }.map {
                FrozenOperation(
                    id: OperationID(job: $0["job"] as? Int ?? -1, operation: $0["operation"] as? Int ?? -1),
                    machine: $0["machine"] as? Int ?? -1, start: $0["start"] as? Int ?? -1)
            }
            problem.notBefore = at
            #expect(!problem.frozen.isEmpty)
            #expect(ScheduleChecker.violations(of: after, for: problem).isEmpty)
        }
    }

    @Test func anEventThatDoesNotFitIsRefusedBeforeAnythingIsKept() async throws {
        try await ScheduleFixture.with { fixture in
            let source = try await fixture.accepted(try ScheduleAPITests.ft06Body(iterations: 1_000))
            _ = try await fixture.waitFor(source)
            let path = "/api/v1/schedules/\(source)/reschedule"
            let cases: [(String, Int, String)] = [
                (#"{"at": 5, "event": {"machineDown": {"machine": 9, "from": 10, "to": 20}}}"#, 422, "unknown_machine"),
                (#"{"at": 5, "event": {"machineDown": {"machine": 1, "from": 20, "to": 20}}}"#, 422, "invalid_window"),
                (
                    #"{"at": 5, "event": {"operationLate": {"job": 7, "operation": 0, "extraDuration": 3}}}"#, 422,
                    "unknown_operation"
                ),
                (
                    #"{"at": 5, "event": {"rushJob": {"operations": [{"machine": 6, "duration": 3}]}}}"#, 422,
                    "unknown_machine"
                ),
                (
                    #"{"at": 5, "event": {"machineDown": {"machine": 1, "from": 1, "to": 2, "why": "x"}}}"#, 400,
                    "event.machineDown.why"
                ),
                (#"{"at": 5, "event": {}}"#, 400, "exactly one of"),
                // Machine 0 "stopped" at 1, yet operations started on it before 54: the event contradicts them.
                (
                    #"{"at": 54, "event": {"machineDown": {"machine": 0, "from": 1, "to": 54}}}"#, 422,
                    "invalid_frozen"
                ),
            ]
            for (body, status, text) in cases {
                let response = try await fixture.client.send(.post, path, token: fixture.admin, json: body)
                #expect(response.status.code == status, "\(body): \(response.text)")
                #expect(response.text.contains(text), "\(body): \(response.text)")
            }
            let list = try await fixture.client.send(.get, "/api/v1/schedules", token: fixture.admin).json()
            #expect((list["items"] as? [Any])?.count == 1, "only the source is kept")

            let rush = try await fixture.client.send(
                .post, path, token: fixture.admin,
                json:
                    #"{"at": 5, "event": {"rushJob": {"name": "rush", "operations": [{"machine": 2, "duration": 4}]}}, "iterationLimit": 500}"#
            )
            try #require(rush.status == .accepted, "\(rush.text)")
            // The rush job is among the jobs as soon as the reschedule is queued, not only once it is solved.
            #expect(try rush.json()["jobs"] as? Int == 7 && rush.json()["operations"] as? Int == 37, "\(rush.text)")
            let view = try await fixture.waitFor(try #require(try rush.json()["id"] as? String))
            #expect(view["jobs"] as? Int == 7)
            let operations = try #require((view["result"] as? [String: Any])?["operations"] as? [[String: Any]])
            #expect(operations.contains { $0["jobName"] as? String == "rush" && $0["moved"] as? Bool == false })
        }
    }
}
