import Foundation
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import NIOCore
import Testing

/// Devices publishing over MQTT into the platform: login, subtree, unified-namespace samples, PUBACK after durable.
@Suite struct MQTTIngestTests {
    @Test func publishedValueIsReadableOverHTTPAfterItsPuback() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                for (path, name) in [("acme", "Acme"), ("acme/plant1", "Plant 1"), ("acme/plant1/press-7", "Press 7")] {
                    let created = try await client.send(
                        .post, "/api/v1/assets", token: token, json: #"{"path":"\#(path)","name":"\#(name)"}"#)
                    #expect(created.status == .created)
                }
                let device = try await client.send(
                    .post, "/api/v1/devices", token: token,
                    json: #"{"name":"press-7-plc","assetPath":"acme/plant1/press-7"}"#)
                let password = try #require(try device.json()["password"] as? String)
                let deviceID = try #require(try device.json()["id"] as? String)
                let online = { () async throws -> Bool? in
                    try await client.send(.get, "/api/v1/devices/\(deviceID)", token: token).json()["online"] as? Bool
                }
                #expect(try await online() == false)

                try await TestPlatform.withMQTT(platform) { port in
                    let wrong = try await RawMQTTConnection.connect(port: port)
                    try await wrong.send(
                        .connect(
                            ConnectPacket(
                                version: .v5, clientID: "press-7", username: "acme.press-7-plc",
                                password: Array("not-it".utf8))), version: .v5)
                    let refused = try await wrong.receive(count: 4)
                    #expect(Array(refused.prefix(1)) == [0x20])
                    #expect(refused.count == 4 && refused[3] == 0x86, "bad user name or password")
                    #expect(try await wrong.closedByBroker().closed)

                    let plc = try await RawMQTTConnection.connect(port: port)
                    try await plc.send(
                        .connect(
                            ConnectPacket(
                                version: .v5, clientID: "press-7", username: "acme.press-7-plc",
                                password: Array(password.utf8))), version: .v5)
                    let connack = try await plc.receive(count: 4)
                    #expect(connack.count == 4 && connack[0] == 0x20 && connack[3] == 0x00)
                    _ = try await plc.receive(count: Int(connack[1]) - 2)
                    #expect(try await online() == true, "online from CONNECT on")

                    try await plc.send(
                        .publish(
                            PublishPacket(
                                topic: "acme/plant1/press-7/temperature", payload: ByteBuffer(string: "21.5"),
                                qos: .atLeastOnce, packetID: 1)), version: .v5)
                    #expect(try await plc.receive("40 02 00 01") == "40 02 00 01")
                    let read = try await client.send(
                        .get, "/api/v1/telemetry/latest?tag=acme/plant1/press-7/temperature", token: token)
                    #expect(read.status == .ok)
                    #expect(read.text.contains("21.5"), "\(read.text)")

                    // Outside its subtree: refused by the broker's ACL (0x87), nothing stored.
                    try await plc.send(
                        .publish(
                            PublishPacket(
                                topic: "acme/plant1/press-8/temperature", payload: ByteBuffer(string: "1"),
                                qos: .atLeastOnce, packetID: 2)), version: .v5)
                    #expect(try await plc.receive("40 03 00 02 87") == "40 03 00 02 87")

                    // Not a value: refused by ingest with 0x99 (payload format invalid), the session goes on.
                    try await plc.send(
                        .publish(
                            PublishPacket(
                                topic: "acme/plant1/press-7/temperature", payload: ByteBuffer(string: "{oops"),
                                qos: .atLeastOnce, packetID: 3)), version: .v5)
                    #expect(try await plc.receive("40 03 00 03 99") == "40 03 00 03 99")

                    // Wrong type for the tag the first sample created: refused, the old value stays.
                    try await plc.send(
                        .publish(
                            PublishPacket(
                                topic: "acme/plant1/press-7/temperature", payload: ByteBuffer(string: "true"),
                                qos: .atLeastOnce, packetID: 4)), version: .v5)
                    #expect(try await plc.receive("40 03 00 04 83") == "40 03 00 04 83")

                    try await plc.send(
                        .publish(
                            PublishPacket(
                                topic: "acme/plant1/press-7/state",
                                payload: ByteBuffer(
                                    string: #"{"value":"running","ts":1700000000000,"quality":"uncertain"}"#),
                                qos: .atLeastOnce, packetID: 5)), version: .v5)
                    #expect(try await plc.receive("40 02 00 05") == "40 02 00 05")
                    let state = try await client.send(
                        .get, "/api/v1/telemetry/latest?tag=acme/plant1/press-7/state", token: token)
                    #expect(state.text.contains("running"), "\(state.text)")
                    #expect(state.text.contains("uncertain"), "\(state.text)")
                    let temperature = try await client.send(
                        .get, "/api/v1/telemetry/latest?tag=acme/plant1/press-7/temperature", token: token)
                    #expect(temperature.text.contains("21.5"), "\(temperature.text)")

                    // The link drops: offline, with no message written to any database.
                    await plc.drop()
                    var stillOnline = true
                    for _ in 0..<100 where stillOnline {
                        stillOnline = try await online() ?? true
                        if stillOnline { try await Task.sleep(for: .milliseconds(20)) }
                    }
                    #expect(!stillOnline)
                }
            }
        }
    }
}
