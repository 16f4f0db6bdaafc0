import Foundation
import GantryControl
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import SQLKit
import Testing

/// What survives a restart, and what the audit journal proves.
@Suite struct ControlJournalTests {
    @Test(arguments: TestBackend.available)
    func aRestartLeavesEveryCommandInAStateThatIsTrue(backend: TestBackend) async throws {
        let clock = ManualClock()
        let start = Int64(Date().timeIntervalSince1970 * 1000)
        try await TestPlatform.withRestartablePlatform(
            backend: backend, timing: TestPlatform.manualTiming(clock, start: start)
        ) {
            open in
            let ids = CommandIDs()
            try await open { platform in
                try await platform.makeApplication().test(.router) { client in
                    let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                    let passwords = try await ControlFixture.provision(client, admin)
                    try await TestPlatform.withMQTT(platform) { port in
                        let device = try await ScriptedDevice.connect(
                            port: port, name: "loco-1-plc", password: passwords[0])
                        let driver = try await client.signIn("li.wei", "night-shift-2026")
                        let id = ControlFixture.locomotive.replacingOccurrences(of: "/", with: "%2F")
                        #expect(
                            try await client.send(.post, "/api/v1/equipment/\(id)/lease", token: driver).status == .ok)
                        for (key, name, args, ttl) in [
                            ("horn", "horn", #"{"seconds":1}"#, 60_000), ("lights", "lights", #"{"on":true}"#, 1000),
                            ("brake", "brake", #"{"applied":false}"#, 60_000),
                        ] {
                            let response = try await client.send(
                                .post, "/api/v1/commands", token: driver,
                                json:
                                    #"{"equipment":"\#(ControlFixture.locomotive)","name":"\#(name)","args":\#(args),"ttlMs":\#(ttl)}"#
                            )
                            #expect(response.status == .created, "\(response.text)")
                            await ids.set(key, try response.json()["id"] as? String)
                        }
                        // The device got the two it was sent and answers neither before the platform stops.
                        _ = try await device.nextCommand()
                        _ = try await device.nextCommand()
                        await device.client.close()
                    }
                }
            }
            clock.advance(by: .seconds(5))
            try await open { platform in
                try await platform.makeApplication().test(.router) { client in
                    let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                    func command(_ key: String) async throws -> [String: Any] {
                        try await client.send(.get, "/api/v1/commands/\(await ids.get(key))", token: admin).json()
                    }
                    let horn = try await command("horn")
                    #expect(horn["state"] as? String == "sent", "within its time to live the device may still answer")
                    let lights = try await command("lights")
                    #expect(lights["state"] as? String == "expired")
                    #expect(lights["reason"] as? String == "the device did not accept it before its expiry")
                    let brake = try await command("brake")
                    #expect(brake["state"] as? String == "cancelled")
                    #expect(brake["reason"] as? String == "the platform restarted before sending it")

                    let verified = try await client.send(.get, "/api/v1/audit/verify", token: admin).json()
                    #expect(verified["valid"] as? Bool == true, "\(verified)")
                    let audit = try await client.send(.get, "/api/v1/audit?limit=3", token: admin).json()
                    let actions = (audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
                    #expect(actions?.contains("command.cancelled") == true, "\(actions ?? [])")
                    #expect(actions?.contains("command.expired") == true, "\(actions ?? [])")
                }
            }
        }
    }

    @Test func anEditedOrRemovedAuditLineIsFoundAndNamed() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            _ = try await plant.command(plant.driver, "horn", #"{"seconds":1}"#)
            _ = try await plant.command(plant.driver, "lights", #"{"on":true}"#)
            _ = try await plant.command(plant.driver, "set_speed", #"{"speed":1}"#)
            await plant.platform.control.flush()
            let clean = try await plant.client.send(.get, "/api/v1/audit/verify", token: plant.admin).json()
            #expect(clean["valid"] as? Bool == true)
            // Only an admin checks the whole chain; an operator cannot read the journal at all.
            #expect(
                try await plant.client.send(.get, "/api/v1/audit/verify", token: plant.supervisor).status == .forbidden)
            #expect(try await plant.client.send(.get, "/api/v1/audit", token: plant.driver).status == .forbidden)
            let lines = try #require(
                try await plant.client.send(.get, "/api/v1/audit", token: plant.supervisor).json()["items"]
                    as? [[String: Any]])
            #expect(lines.count >= 7 && lines.first?["sequence"] as? Int == lines.count, "newest first")

            try await plant.platform.store.database.transaction { sql in
                try await sql.raw("UPDATE control_audit SET actor = 'someone.else' WHERE sequence = 2").run()
                try await sql.raw("DELETE FROM control_audit WHERE sequence = 4").run()
            }
            let tampered = try await plant.client.send(.get, "/api/v1/audit/verify", token: plant.admin).json()
            #expect(tampered["valid"] as? Bool == false)
            let findings = try #require(tampered["findings"] as? [String])
            #expect(findings.contains("line 2 was edited: its contents do not match its hash"), "\(findings)")
            #expect(findings.contains("lines 4…4 are missing (between 3 and 5)"), "\(findings)")

            try await plant.platform.store.database.transaction { sql in
                let last = lines.count
                try await sql.raw("DELETE FROM control_audit WHERE sequence = \(bind: last)").run()
            }
            let cut = try #require(
                try await plant.client.send(.get, "/api/v1/audit/verify", token: plant.admin).json()["findings"]
                    as? [String])
            #expect(cut.contains { $0.hasPrefix("the journal ends at") }, "\(cut)")
        }
    }
}

/// Command ids kept from one run of the platform to the next.
private actor CommandIDs {
    private var ids: [String: String] = [:]

    func set(_ key: String, _ id: String?) { ids[key] = id }

    func get(_ key: String) -> String { ids[key] ?? "" }
}
