import Foundation
import GantryConnectors
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// An OPC UA connector configured through the API against the real asyncua peer: browse, pick nodes,
/// subscribe, survive the server's restart, and keep a password without ever showing it.
@Suite(.serialized) struct OPCUAConnectorAPITests {
    static func definition(port: Int, identity: String = #"{"type":"anonymous"}"#) -> String {
        #"""
        {"opcua": {"endpoint": "opc.tcp://127.0.0.1:\#(port)/", "identity": \#(identity),
          "publishingIntervalMilliseconds": 100, "reconnectInitialMilliseconds": 100, "reconnectMaximumMilliseconds": 400,
          "points": [
            {"name": "temperature", "node": "ns=2;s=Machine1.Temperature", "samplingIntervalMilliseconds": 100},
            {"name": "part_count", "node": "ns=2;s=Machine1.PartCount", "samplingIntervalMilliseconds": 100},
            {"name": "running", "node": "ns=2;s=Machine1.Running"},
            {"name": "setpoint", "node": "ns=2;s=Machine1.Setpoint"}]},
         "commands": [{"command": "set_speed", "argument": "speed", "point": "setpoint"}]}
        """#
    }

    @Test func browsedNodesBecomePointsWhoseChangesBecomeTagsAndComeBackAfterARestart() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            try await ConnectorFixture.with { fixture in
                let browse = try await fixture.client.send(
                    .post, "/api/v1/devices/\(fixture.deviceID)/connector/browse", token: fixture.admin,
                    json: #"{"endpoint":"opc.tcp://127.0.0.1:\#(peer.port)/","node":"ns=2;s=Machine1"}"#)
                try #require(browse.status == .ok, "\(browse.text)")
                let items = try #require(try browse.json()["items"] as? [[String: Any]])
                let temperature = try #require(items.first { $0["nodeId"] as? String == "ns=2;s=Machine1.Temperature" })
                #expect(temperature["nodeClass"] as? String == "Variable")
                #expect(items.contains { $0["nodeClass"] as? String == "Method" })

                try #require(try await fixture.save(Self.definition(port: peer.port)).status == .ok)
                try await fixture.eventually("every subscribed node arrives as a tag with good quality") {
                    for tag in ["temperature", "part_count", "running", "setpoint"] {
                        guard try await fixture.quality(tag) == "good" else { return false }
                    }
                    return true
                }
                let first = try #require(try await fixture.latest("part_count")?["value"] as? Double)
                try await fixture.eventually("the part count keeps changing") {
                    (try await fixture.latest("part_count")?["value"] as? Double ?? first) > first
                }
                #expect(try await fixture.deviceOnline())

                peer.kill()
                try await fixture.eventually("the values go bad and the device offline when the server dies") {
                    let quality = try await fixture.quality("part_count")
                    let online = try await fixture.deviceOnline()
                    return quality?.hasPrefix("bad") == true && !online
                }
                try await peer.start()
                try await fixture.eventually("the subscription is made again and good values flow") {
                    let quality = try await fixture.quality("part_count")
                    let online = try await fixture.deviceOnline()
                    return quality == "good" && online
                }
                let status = try #require(try await fixture.view()["status"] as? [String: Any])
                #expect((status["reconnects"] as? Int ?? 0) >= 1)
            }
        }
    }

    @Test func aPasswordIsKeptButNeverShownAndBadInputIsNamed() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            try await ConnectorFixture.with { fixture in
                let login = #"{"type":"userName","userName":"shift-lead","password":"s3cret-pass"}"#
                let saved = try await fixture.save(Self.definition(port: peer.port, identity: login))
                try #require(saved.status == .ok, "\(saved.text)")
                #expect(!saved.text.contains("s3cret-pass"))
                let shown = try await fixture.client.send(
                    .get, "/api/v1/devices/\(fixture.deviceID)/connector", token: fixture.admin)
                #expect(!shown.text.contains("s3cret-pass"))
                // Saving what was shown (the password left empty) keeps the stored one.
                let edited = Self.definition(
                    port: peer.port, identity: #"{"type":"userName","userName":"shift-lead","password":""}"#)
                try #require(try await fixture.save(edited).status == .ok)
                let device = try await fixture.platform.plant.device(
                    id: try #require(UUID(uuidString: fixture.deviceID)),
                    by: try await fixture.platform.accounts.principal(forToken: fixture.admin))
                let stored = try #require(try await fixture.platform.connectors.definition(of: device))
                #expect(stored.opcua?.identity == .userName("shift-lead", password: "s3cret-pass"))
                try await fixture.eventually("the connector logs in and runs") {
                    (try await fixture.view()["status"] as? [String: Any])?["link"] as? String == "online"
                }

                let badNode = try await fixture.save(
                    Self.definition(port: peer.port).replacingOccurrences(
                        of: "ns=2;s=Machine1.Running", with: "ns=two;s=Machine1.Running"))
                #expect(badNode.status == .unprocessableContent, "\(badNode.text)")
                #expect(badNode.text.contains("points[2]"), "\(badNode.text)")
                let unreachable = try await fixture.client.send(
                    .post, "/api/v1/devices/\(fixture.deviceID)/connector/browse", token: fixture.admin,
                    json: #"{"endpoint":"opc.tcp://127.0.0.1:1/"}"#)
                #expect(unreachable.status == .badGateway, "\(unreachable.text)")
                let viewer = try await fixture.client.send(
                    .post, "/api/v1/devices/\(fixture.deviceID)/connector/browse",
                    json: #"{"endpoint":"opc.tcp://127.0.0.1:\#(peer.port)/"}"#)
                #expect(viewer.status == .unauthorized)
            }
        }
    }
}
