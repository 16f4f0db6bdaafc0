import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// A Modbus connector configured through the API against the real pymodbus peer: values become tags, the
/// device goes offline and its values bad when the PLC dies, and everything comes back by itself.
@Suite(.serialized) struct ModbusConnectorAPITests {
    @Test func aSavedConnectorPollsThePeerIntoTagsAndCountsOnMetrics() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            try await ConnectorFixture.with { fixture in
                let saved = try await fixture.save(ConnectorFixture.modbus(port: peer.port))
                try #require(saved.status == .ok, "\(saved.text)")
                try await fixture.eventually("the temperature arrives under its mapped tag") {
                    try await fixture.latest("oil_temperature") != nil
                }
                let temperature = try #require(try await fixture.latest("oil_temperature"))
                #expect((temperature["value"] as? Double).map { $0 > 0 && $0 < 200 } == true, "\(temperature)")
                try await fixture.eventually("the counter, the scaled pressure and the bits arrive") {
                    for tag in ["counter", "pressure", "running", "over_temperature"] {
                        if try await fixture.latest(tag) == nil { return false }
                    }
                    return true
                }
                let pressure = try #require(try await fixture.latest("pressure")?["value"] as? Double)
                // The peer's pressure is 140…160 in units of 0.01 bar.
                #expect((1.39...1.61).contains(pressure), "pressure \(pressure) bar is the raw value × 0.01")
                #expect(try await fixture.latest("running")?["value"] as? Bool != nil)

                let view = try await fixture.view()
                let status = try #require(view["status"] as? [String: Any])
                #expect(status["link"] as? String == "online")
                #expect((status["requests"] as? Int ?? 0) > 0)
                let device = try await fixture.client.send(
                    .get, "/api/v1/devices/\(fixture.deviceID)", token: fixture.admin
                ).json()
                #expect(device["online"] as? Bool == true)
                try await fixture.eventually("the connector's counters reach /metrics") {
                    let metrics = try await fixture.client.send(.get, "/metrics", token: fixture.admin).text
                    return metrics.contains(#"gantry_connector_requests_total{protocol="modbus"}"#)
                        && metrics.contains(#"gantry_connectors{protocol="modbus",link="online"}"#)
                }
            }
        }
    }

    @Test func aLostPeerMakesValuesBadAndTheDeviceOfflineThenItComesBack() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            try await ConnectorFixture.with { fixture in
                try #require(try await fixture.save(ConnectorFixture.modbus(port: peer.port)).status == .ok)
                try await fixture.eventually("values flow") { try await fixture.quality("counter") == "good" }
                peer.kill()
                try await fixture.eventually("the counter goes bad (not connected) and the device offline") {
                    let quality = try await fixture.quality("counter")
                    let online = try await fixture.deviceOnline()
                    return quality?.hasPrefix("bad") == true && !online
                }
                try await peer.start()
                try await fixture.eventually("good values flow again and the device is online") {
                    let quality = try await fixture.quality("counter")
                    let online = try await fixture.deviceOnline()
                    return quality == "good" && online
                }
                let status = try #require(try await fixture.view()["status"] as? [String: Any])
                #expect((status["reconnects"] as? Int ?? 0) >= 1)
            }
        }
    }

    @Test func aCommandWritesItsBoundPointThroughControl() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            try await ConnectorFixture.with { fixture in
                try #require(try await fixture.save(ConnectorFixture.modbus(port: peer.port)).status == .ok)
                try await fixture.eventually("the connector is online") {
                    (try await fixture.view()["status"] as? [String: Any])?["link"] as? String == "online"
                }
                // The locomotive's interlocks read live tags: no emergency stop, brake released.
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                let samples = try await fixture.client.send(
                    .post, "/api/v1/telemetry", token: fixture.admin,
                    json: #"""
                        [{"tag":"\#(ConnectorFixture.asset)/emergency_stop","ts":\#(now),"value":false},
                         {"tag":"\#(ConnectorFixture.asset)/brake_pressure","ts":\#(now),"value":0}]
                        """#)
                try #require(samples.status.code < 300, "\(samples.text)")
                let lease = try await fixture.client.send(
                    .post,
                    "/api/v1/equipment/\(ConnectorFixture.asset.replacingOccurrences(of: "/", with: "%2F"))/lease",
                    token: fixture.admin)
                try #require(lease.status.code < 300, "\(lease.text)")
                let sent = try await fixture.client.send(
                    .post, "/api/v1/commands", token: fixture.admin,
                    json: #"{"equipment":"\#(ConnectorFixture.asset)","name":"set_speed","args":{"speed":2.5}}"#)
                try #require(sent.status.code < 300, "\(sent.text)")
                let id = try #require(try sent.json()["id"] as? String)
                try await fixture.eventually("the command completes") {
                    let command = try await fixture.client.send(.get, "/api/v1/commands/\(id)", token: fixture.admin)
                    return try command.json()["state"] as? String == "completed"
                }
                try await fixture.eventually("the setpoint reads back 2.5 from the PLC") {
                    try await fixture.latest("setpoint")?["value"] as? Double == 2.5
                }
                let unbound = try await fixture.client.send(
                    .post, "/api/v1/commands", token: fixture.admin,
                    json: #"{"equipment":"\#(ConnectorFixture.asset)","name":"horn","args":{"seconds":1}}"#)
                let hornID = try #require(try unbound.json()["id"] as? String)
                try await fixture.eventually("a command with no bound point is rejected by the connector") {
                    let command = try await fixture.client.send(
                        .get, "/api/v1/commands/\(hornID)", token: fixture.admin
                    ).json()
                    return command["state"] as? String == "rejected"
                        && (command["reason"] as? String)?.contains("no point bound to 'horn'") == true
                }
            }
        }
    }

    @Test func badConfigurationsAreRefusedByFieldAndNothingIsKept() async throws {
        try await ConnectorFixture.with { fixture in
            let cases: [(String, String)] = [
                (#"{"tags":{}}"#, "'modbus' or an 'opcua'"),
                (
                    ConnectorFixture.modbus(port: 5020).replacingOccurrences(
                        of: #""address": 10"#, with: #""address": 70000"#), "setpoint"
                ),
                (
                    ConnectorFixture.modbus(port: 5020).replacingOccurrences(
                        of: #""scanRateMilliseconds": 100"#, with: #""scanRateMs": 100"#), "scanRateMs"
                ),
                (
                    ConnectorFixture.modbus(port: 5020).replacingOccurrences(
                        of: #""point": "setpoint""#, with: #""point": "valve""#), "valve"
                ),
                (
                    ConnectorFixture.modbus(port: 5020).replacingOccurrences(
                        of: #""float32"}]}]}"#,
                        with: #""float32"}, {"name": "setpoint", "table": "coil", "address": 3, "type": "bool"}]}]}"#),
                    "setpoint"
                ),
                (
                    ConnectorFixture.modbus(port: 5020).replacingOccurrences(
                        of: #""oil_temperature""#, with: #""../escape""#), "escape"
                ),
            ]
            for (body, named) in cases {
                let answer = try await fixture.save(body)
                #expect(answer.status.code == 400 || answer.status.code == 422, "\(answer.text)")
                #expect(answer.text.contains(named), "\(answer.text) names \(named)")
            }
            let stored = try await fixture.client.send(
                .get, "/api/v1/devices/\(fixture.deviceID)/connector", token: fixture.admin)
            #expect(stored.status == .notFound)
            let list = try await fixture.client.send(.get, "/api/v1/connectors", token: fixture.admin).json()
            #expect((list["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestBackend.available)
    func aConnectorResumesAfterARestartAndLeavesWithItsDevice(_ backend: TestBackend) async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            try await TestPlatform.withRestartablePlatform(backend: backend) { start in
                try await start { platform in
                    try await ConnectorFixture.run(platform, provision: true) { fixture in
                        try #require(try await fixture.save(ConnectorFixture.modbus(port: peer.port)).status == .ok)
                    }
                }
                try await start { platform in
                    try await ConnectorFixture.run(platform, provision: false) { fixture in
                        try await fixture.eventually("the stored connector runs again after the restart") {
                            (try await fixture.view()["status"] as? [String: Any])?["link"] as? String == "online"
                        }
                        let removed = try await fixture.client.send(
                            .delete, "/api/v1/devices/\(fixture.deviceID)", token: fixture.admin)
                        #expect(removed.status == .noContent)
                        let list = try await fixture.client.send(.get, "/api/v1/connectors", token: fixture.admin)
                        #expect((try list.json()["items"] as? [Any])?.isEmpty == true)
                        #expect(await fixture.platform.connectors.statuses().isEmpty)
                    }
                }
            }
        }
    }
}
