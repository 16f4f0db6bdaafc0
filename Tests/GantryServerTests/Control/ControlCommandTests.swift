import Foundation
import GantryControl
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Commands over the API to a device on the broker and back: lifecycle, numbering, leases, interlocks,
/// confirmation, emergency stop, expiry, access.
@Suite struct ControlCommandTests {
    @Test func aCommandGoesToItsDeviceAndTheDevicesReportsSettleIt() async throws {
        try await ControlFixture.with { plant in
            #expect(try await plant.lease(plant.driver).status == .ok)
            let response = try await plant.command(plant.driver, "set_speed", #"{"speed":3.5}"#, ttlMs: 4000)
            #expect(response.status == .created, "\(response.text)")
            let created = try response.json()
            let id = try #require(created["id"] as? String)
            #expect(created["state"] as? String == "sent")
            #expect(created["sequence"] as? Int == 1)
            #expect(response.headers[.location] == "/api/v1/commands/\(id)")

            let received = try await plant.locomotiveDevice.nextCommand()
            #expect(received.id == id && received.name == "set_speed" && received.sequence == 1)
            #expect(received.args == ["speed": .number(3.5)])
            #expect(received.expiresAt == plant.now() + 4000)
            #expect(received.equipment == ControlFixture.locomotive)

            try await plant.locomotiveDevice.report(received, .accepted)
            try await plant.waitFor(id, "acknowledged")
            try await plant.locomotiveDevice.report(received, .completed)
            let done = try await plant.waitFor(id, "completed")
            let states = (done["history"] as? [[String: Any]])?.compactMap { $0["state"] as? String }
            #expect(states == ["requested", "sent", "acknowledged", "completed"])

            // The next command to the same device is numbered after it.
            let horn = try await plant.command(plant.driver, "horn", #"{"seconds":1}"#)
            #expect(try horn.json()["sequence"] as? Int == 2)

            let list = try await plant.client.send(
                .get, "/api/v1/commands?equipment=\(ControlFixture.locomotive)", token: plant.viewer)
            #expect(list.status == .ok)
            #expect(try list.json()["total"] as? Int == 2)
        }
    }

    @Test func aReportFromAnotherDeviceOrForAnotherSequenceChangesNothing() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            let id = try #require(
                try await plant.command(plant.driver, "lights", #"{"on":true}"#).json()["id"] as? String)
            let received = try await plant.locomotiveDevice.nextCommand()
            // The crane's device may not publish on the locomotive device's topics at all (0x87).
            let foreign = try await plant.craneDevice.publish(
                .report, DeviceCommandReport(id: id, sequence: 1, status: .completed, at: 0), device: "loco-1-plc")
            #expect(foreign.rawValue == 0x87)
            // Its own topic, but a command it was never sent: ignored.
            try await plant.craneDevice.publish(
                .report, DeviceCommandReport(id: id, sequence: 1, status: .completed, at: 0))
            // The right device with the wrong sequence: ignored.
            try await plant.locomotiveDevice.publish(
                .report, DeviceCommandReport(id: id, sequence: 9, status: .completed, at: 0))
            await plant.platform.control.settle()
            #expect(try await plant.get(id)["state"] as? String == "sent")
            try await plant.locomotiveDevice.report(received, .rejected, reason: "out of sequence")
            let rejected = try await plant.waitFor(id, "rejected")
            #expect(rejected["reason"] as? String == "out of sequence")
        }
    }

    @Test func oneOperatorAtATimeAndASupervisorMayTakeOver() async throws {
        try await ControlFixture.with { plant in
            #expect(try await plant.lease(plant.driver).json()["holder"] as? String == "li.wei")
            let busy = try await plant.lease(plant.secondDriver)
            #expect(busy.status == .conflict)
            #expect(busy.text.contains("li.wei controls"), "\(busy.text)")
            let refused = try await plant.command(plant.secondDriver, "horn", #"{"seconds":1}"#)
            #expect(refused.status == .conflict)
            // An operator may not take over; a supervisor may.
            #expect(try await plant.lease(plant.secondDriver, takeOver: true).status == .forbidden)
            let taken = try await plant.lease(plant.supervisor, takeOver: true)
            #expect(taken.status == .ok)
            #expect(try taken.json()["holder"] as? String == "chen.jun")
            #expect(try await plant.command(plant.driver, "horn", #"{"seconds":1}"#).status == .conflict)
            let id = ControlFixture.locomotive.replacingOccurrences(of: "/", with: "%2F")
            #expect(
                try await plant.client.send(.delete, "/api/v1/equipment/\(id)/lease", token: plant.driver).status
                    == .conflict)
            let released = try await plant.client.send(
                .delete, "/api/v1/equipment/\(id)/lease", token: plant.supervisor)
            #expect(released.status == .ok)
            #expect(try released.json()["holder"] == nil)
            #expect(try await plant.lease(plant.secondDriver).status == .ok)

            // A lease lapses after a minute without activity.
            try await plant.advance(by: .seconds(61))
            let lapsed = try await plant.client.send(.get, "/api/v1/equipment/\(id)/lease", token: plant.viewer)
            #expect(try lapsed.json()["holder"] == nil, "\(lapsed.text)")
        }
    }

    @Test func aViewerCannotCommandAndNobodyCommandsWhatTheyCannotSee() async throws {
        try await ControlFixture.with { plant in
            #expect(try await plant.lease(plant.viewer).status == .forbidden)
            #expect(try await plant.command(plant.viewer, "emergency_stop").status == .forbidden)
            let unknown = try await plant.command(plant.driver, "horn", #"{"seconds":1}"#, equipment: "other/site/loco")
            #expect(unknown.status == .notFound)
            let nothing = try await plant.client.send(
                .get, "/api/v1/commands?equipment=\(ControlFixture.locomotive)", token: plant.admin)
            #expect(try nothing.json()["total"] as? Int == 0)
        }
    }

    @Test func badArgumentsAreRefusedByNameAndKeepNothing() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            let cases: [(String, String, String)] = [
                ("set_speed", #"{"speed":40}"#, "speed must be from 0 to 12 m/s"),
                ("set_speed", #"{"speed":"fast"}"#, "speed must be a number in m/s"),
                ("set_speed", #"{}"#, "set_speed needs speed"),
                ("fly", #"{}"#, "has no command 'fly'"),
            ]
            for (name, args, words) in cases {
                let response = try await plant.command(plant.driver, name, args)
                #expect(response.status == .unprocessableContent, "\(name) \(args)")
                #expect(response.text.contains(words), "\(response.text)")
            }
            let ttl = try await plant.command(plant.driver, "horn", #"{"seconds":1}"#, ttlMs: 5)
            #expect(ttl.status == .unprocessableContent)
            let extra = try await plant.client.send(
                .post, "/api/v1/commands", token: plant.driver,
                json: #"{"equipment":"\#(ControlFixture.locomotive)","name":"horn","args":{"seconds":1},"priority":1}"#)
            #expect(extra.status == .badRequest)
            let nothing = try await plant.client.send(.get, "/api/v1/commands", token: plant.admin)
            #expect(try nothing.json()["total"] as? Int == 0)
        }
    }

    @Test func interlocksRefuseByNameAndAnEmergencyStopPassesThemAll() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            try await plant.write([("\(ControlFixture.locomotive)/brake_pressure", "4.5")])
            let braked = try await plant.command(plant.driver, "set_speed", #"{"speed":2}"#)
            #expect(braked.status == .conflict)
            #expect(braked.text.contains("interlock brake-applied"), "\(braked.text)")
            // A speed of 0 is no traction: allowed.
            #expect(try await plant.command(plant.driver, "set_speed", #"{"speed":0}"#).status == .created)
            try await plant.write([("\(ControlFixture.locomotive)/speed", "1.5")])
            let moving = try await plant.command(plant.driver, "set_direction", #"{"direction":"reverse"}"#)
            #expect(moving.text.contains("interlock moving"), "\(moving.text)")

            // The crane has no wind reading that is current: the interlock fails safe.
            _ = try await plant.lease(plant.driver, ControlFixture.crane)
            try await plant.advance(by: .seconds(11))
            let stale = try await plant.command(
                plant.driver, "hoist", #"{"speed":0.1}"#, equipment: ControlFixture.crane)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("no current good value of emergency_stop"), "\(stale.text)")

            // The emergency stop needs no lease and passes every interlock.
            let stop = try await plant.command(plant.secondDriver, "emergency_stop", equipment: ControlFixture.crane)
            #expect(stop.status == .created, "\(stop.text)")
            #expect(try stop.json()["state"] as? String == "sent")
            #expect(try await plant.craneDevice.nextCommand().name == "emergency_stop")
        }
    }

    @Test func aHazardousCommandWaitsForItsRequestersConfirmation() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            let release = try await plant.command(plant.driver, "brake", #"{"applied":false}"#)
            #expect(release.status == .created)
            let waiting = try release.json()
            let id = try #require(waiting["id"] as? String)
            #expect(waiting["state"] as? String == "requested")
            #expect(waiting["confirmationRequired"] as? Bool == true)
            #expect(waiting["sequence"] == nil)
            // Meanwhile another command goes out first; the confirmed one is numbered when it is sent.
            _ = try await plant.command(plant.driver, "horn", #"{"seconds":1}"#)
            #expect(try await plant.locomotiveDevice.nextCommand().sequence == 1)

            #expect(
                try await plant.client.send(.post, "/api/v1/commands/\(id)/confirm", token: plant.secondDriver).status
                    == .forbidden)
            let confirmed = try await plant.client.send(.post, "/api/v1/commands/\(id)/confirm", token: plant.driver)
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(try confirmed.json()["state"] as? String == "sent")
            let sent = try await plant.locomotiveDevice.nextCommand()
            #expect(sent.id == id && sent.sequence == 2)
            #expect(
                try await plant.client.send(.post, "/api/v1/commands/\(id)/confirm", token: plant.driver).status
                    == .conflict)

            // An emergency stop withdraws what still waits for confirmation.
            let second = try #require(
                try await plant.command(plant.driver, "brake", #"{"applied":true}"#).json()["id"] as? String)
            _ = try await plant.command(plant.driver, "emergency_stop")
            let withdrawn = try await plant.get(second)
            #expect(withdrawn["state"] as? String == "cancelled")
            #expect(withdrawn["reason"] as? String == "withdrawn by an emergency stop")
        }
    }

    @Test func anUnansweredCommandExpiresAndALateAnswerDoesNotReviveIt() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            let id = try #require(
                try await plant.command(plant.driver, "horn", #"{"seconds":1}"#, ttlMs: 2000).json()["id"] as? String)
            let received = try await plant.locomotiveDevice.nextCommand()
            try await plant.advance(by: .milliseconds(2500))
            #expect(try await plant.get(id)["state"] as? String == "sent", "the grace for reports on their way")
            try await plant.advance(by: .milliseconds(600))
            let expired = try await plant.get(id)
            #expect(expired["state"] as? String == "expired")
            #expect(expired["reason"] as? String == "the device did not accept it before its expiry")
            try await plant.locomotiveDevice.report(received, .accepted)
            await plant.platform.control.settle()
            #expect(try await plant.get(id)["state"] as? String == "expired")
        }
    }
}
