import Foundation
import GantryControl
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import Testing
import WSClient

/// The console's heartbeats over `/api/v1/live`: relayed to the device, echoed, measured; a slow loop limits
/// speed; a console that goes quiet loses its session, which is journaled and raised as an alarm.
@Suite struct TeleoperationTests {
    static func bearer(_ token: String) -> WebSocketClientConfiguration {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = [.authorization: "Bearer \(token)"]
        return configuration
    }

    /// The next frame of `type`, skipping live updates.
    static func next(
        _ type: String, _ frames: inout WebSocketInboundMessageStream.AsyncIterator
    ) async throws -> [String: Any] {
        while let message = try await frames.next() {
            guard case .text(let text) = message,
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            else { continue }
            if object["type"] as? String == type { return object }
        }
        throw TestSetupError("the stream ended before a \(type) frame")
    }

    @Test func heartbeatsAreRelayedMeasuredAndTheirLossRaisesAnAlarm() async throws {
        try await ControlFixture.with { plant in
            #expect(try await plant.lease(plant.driver).status == .ok)
            let equipment = ControlFixture.locomotive
            _ = try await withDeadline("the driver's live stream") {
                try await plant.client.ws("/api/v1/live", configuration: Self.bearer(plant.driver)) {
                    inbound, outbound, _ in
                    var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"subscribe":{"control":true}}"#))
                    #expect(try await Self.next("subscribed", &frames)["control"] as? Bool == true)

                    try await outbound.write(
                        .text(#"{"heartbeat":{"equipment":"\#(equipment)","beat":1,"sentAt":777}}"#))
                    let first = try await Self.next("heartbeat", &frames)
                    #expect(first["sentAt"] as? Int == 777 && first["beat"] as? Int == 1)
                    #expect(first["deviceRoundTripMs"] == nil, "no echo yet")
                    let relayed = try await plant.locomotiveDevice.next(.heartbeat, as: TeleoperationHeartbeat.self)
                    #expect(relayed.beat == 1 && relayed.equipment == equipment)

                    // The echo comes back 300 ms later: over the 250 ms budget.
                    try await plant.advance(by: .milliseconds(300))
                    try await plant.locomotiveDevice.publish(.heartbeatEcho, relayed.echoed(at: 0))
                    await plant.platform.control.settle()
                    try await outbound.write(
                        .text(#"{"heartbeat":{"equipment":"\#(equipment)","beat":2,"sentAt":778}}"#))
                    let second = try await Self.next("heartbeat", &frames)
                    #expect(second["deviceRoundTripMs"] as? Int == 300)
                    #expect(second["speedLimited"] as? Bool == true)

                    let limited = try await plant.command(plant.driver, "set_speed", #"{"speed":6}"#)
                    #expect(limited.status == .created, "\(limited.text)")
                    let body = try limited.json()
                    #expect((body["args"] as? [String: Any])?["speed"] as? Double == 2)
                    #expect(
                        (body["note"] as? String)?.contains("round trip of 300 ms is over the 250 ms budget") == true)

                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
            // The console is gone: after the interval the session is lost.
            try await plant.advance(by: .milliseconds(600))
            let audit = try await plant.client.send(.get, "/api/v1/audit?limit=5", token: plant.admin).json()
            let actions = (audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.contains("session.lost"), "\(actions)")
            let alarm = try await waitForAlarm(plant, rule: "teleoperation-lost-acme-mine-haulage-loco-1")
            #expect(alarm["priority"] as? Int == 2)
        }
    }

    @Test func onlyTheLeaseHolderMayBeat() async throws {
        try await ControlFixture.with { plant in
            _ = try await plant.lease(plant.driver)
            _ = try await withDeadline("the viewer's live stream") {
                try await plant.client.ws("/api/v1/live", configuration: Self.bearer(plant.secondDriver)) {
                    inbound, outbound, _ in
                    var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(
                        .text(#"{"heartbeat":{"equipment":"\#(ControlFixture.locomotive)","beat":1}}"#))
                    let refused = try await Self.next("error", &frames)
                    #expect((refused["detail"] as? String)?.contains("li.wei controls") == true, "\(refused)")
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    /// Waits (bounded) for an active alarm of `rule`.
    func waitForAlarm(_ plant: ControlFixture, rule: String) async throws -> [String: Any] {
        for _ in 0..<1000 {
            let list = try await plant.client.send(.get, "/api/v1/alarms", token: plant.admin).json()
            if let alarm = (list["items"] as? [[String: Any]])?.first(where: { $0["rule"] as? String == rule }),
                alarm["state"] as? String == "active_unacknowledged"
            {
                return alarm
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let alarms = try await plant.client.send(.get, "/api/v1/alarms", token: plant.admin).text
        let rules = try await plant.client.send(.get, "/api/v1/alarm-rules", token: plant.admin).text
        let values = try await plant.client.send(
            .get, "/api/v1/telemetry/latest?tag=\(ControlFixture.locomotive)/teleoperation_lost", token: plant.admin
        ).text
        throw TestSetupError("no unacknowledged alarm of rule \(rule): \(alarms) \(rules) \(values)")
    }
}
