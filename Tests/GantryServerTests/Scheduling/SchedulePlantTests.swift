import Foundation
import GantryScheduling
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Work orders over the plant's equipment: machines are equipment assets named by path or id, and equipment the
/// plant does not have is refused naming the work order and operation.
@Suite struct SchedulePlantTests {
    static let cnc1 = "acme/plant/line-1/cnc-1"
    static let cnc2 = "acme/plant/line-1/cnc-2"

    static func provision(_ fixture: ScheduleFixture) async throws -> String {
        var cnc2ID = ""
        for (path, type) in [
            ("acme", nil), ("acme/plant", nil), ("acme/plant/line-1", nil), (cnc1, "cnc-machine"),
            (cnc2, "cnc-machine"),
        ] {
            let typeField = type.map { #","type":"\#($0)""# } ?? ""
            let response = try await fixture.client.send(
                .post, "/api/v1/assets", token: fixture.admin,
                json: #"{"path":"\#(path)","name":"\#(path)"\#(typeField)}"#)
            try #require(response.status == .created, "\(response.text)")
            if path == cnc2 { cnc2ID = try #require(try response.json()["id"] as? String) }
        }
        return cnc2ID
    }

    @Test func workOrdersOverEquipmentAreScheduledWithTheirDowntime() async throws {
        try await ScheduleFixture.with { fixture in
            let cnc2ID = try await Self.provision(fixture)
            let id = try await fixture.accepted(
                #"""
                {"plant": {
                  "equipment": ["\#(Self.cnc1)"],
                  "workOrders": [
                    {"name": "WO-1", "operations": [{"equipment": "\#(Self.cnc1)", "duration": 30},
                                                    {"alternatives": [{"equipment": "\#(cnc2ID)", "duration": 20},
                                                                      {"equipment": "\#(Self.cnc1)", "duration": 25}]}]},
                    {"name": "WO-2", "due": 60, "operations": [{"equipment": "\#(Self.cnc2)", "duration": 15}]}],
                  "downtime": [{"equipment": "\#(Self.cnc2)", "start": 0, "end": 10}]
                }, "iterationLimit": 1000}
                """#)
            let view = try await fixture.waitFor(id)
            #expect(view["origin"] as? String == "plant")
            #expect(view["machineNames"] as? [String] == [Self.cnc1, Self.cnc2], "by path and by id, one machine")
            let problem = SchedulingProblem(
                machineCount: 2,
                jobs: [
                    Job(
                        operations: [
                            JobOperation(machine: 0, duration: 30),
                            JobOperation(alternatives: [
                                Alternative(machine: 1, duration: 20), Alternative(machine: 0, duration: 25),
                            ]),
                        ]),
                    Job(operations: [JobOperation(machine: 1, duration: 15)], due: 60),
                ], windows: [MachineWindow(machine: 1, start: 0, end: 10)])
            #expect(ScheduleChecker.violations(of: try ScheduleFixture.schedule(of: view), for: problem).isEmpty)
            let operations = try #require((view["result"] as? [String: Any])?["operations"] as? [[String: Any]])
            #expect(
                operations.contains { $0["jobName"] as? String == "WO-2" && $0["machineName"] as? String == Self.cnc2 })
        }
    }

    @Test func unknownEquipmentIsRefusedNamingTheWorkOrderAndOperation() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await Self.provision(fixture)
            for (equipment, reason) in [
                ("acme/plant/line-1/cnc-9", "no asset you may see"),
                ("acme/plant/line-1", "at the area level, not equipment"),
                (UUID().uuidString, "no asset you may see"),
            ] {
                let response = try await fixture.submit(
                    #"""
                    {"plant": {"workOrders": [
                      {"name": "WO-1", "operations": [{"equipment": "\#(Self.cnc1)", "duration": 30}]},
                      {"name": "WO-7", "operations": [{"equipment": "\#(Self.cnc1)", "duration": 5},
                                                      {"alternatives": [{"equipment": "\#(equipment)", "duration": 5}]}]}]}}
                    """#)
                #expect(response.status == .unprocessableContent, "\(response.text)")
                let document = try response.json()
                #expect(document["code"] as? String == "unknown_equipment")
                #expect(document["job"] as? Int == 1 && document["operation"] as? Int == 1)
                let detail = try #require(document["detail"] as? String)
                #expect(detail.contains("work order 1 (WO-7), operation 1") && detail.contains(reason), "\(detail)")
            }
            let list = try await fixture.client.send(.get, "/api/v1/schedules", token: fixture.admin).json()
            #expect((list["items"] as? [Any])?.isEmpty == true)
        }
    }
}
