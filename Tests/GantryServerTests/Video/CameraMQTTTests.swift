import GantryCore
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import NIOCore
import Testing

/// Devices publishing camera frames over MQTT: they reach the relay under the device's equipment, and nothing
/// malformed does.
@Suite struct CameraMQTTTests {
    @Test func framesFromADeviceReachTheRelayUnderItsEquipment() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let tokens = try await CameraRoutesTests.setUp(client)
                let device = try await client.send(
                    .post, "/api/v1/devices", token: tokens.admin,
                    json: #"{"name":"loco-01-plc","assetPath":"\#(CameraRoutesTests.loco)"}"#)
                let password = try #require(try device.json()["password"] as? String)
                let cab = try CameraID(equipment: AssetPath(CameraRoutesTests.loco), name: "cab")

                try await TestPlatform.withMQTT(platform) { port in
                    let plc = try await MQTTClient.connect(
                        port: port,
                        configuration: MQTTClientConfiguration(
                            clientID: "loco-01-plc-camera", username: "acme.loco-01-plc",
                            password: Array(password.utf8)))
                    let topic = "gantry/camera/acme/loco-01-plc/cab"
                    var properties = Properties()
                    properties.userProperties = [UserProperty("capture-time", "1767225600000")]
                    let accepted = try await plc.publish(
                        to: topic, payload: ByteBuffer(bytes: CameraRoutesTests.jpeg), qos: .atLeastOnce,
                        properties: properties)
                    #expect(accepted == .success)
                    let frame = try #require(platform.cameras.latest(of: cab))
                    #expect(Array(buffer: frame.jpeg) == CameraRoutesTests.jpeg)
                    #expect(frame.capturedAt == 1_767_225_600_000)

                    let notJPEG = try await plc.publish(
                        to: topic, payload: ByteBuffer(string: "{\"value\":1}"), qos: .atLeastOnce)
                    #expect(notJPEG == .payloadFormatInvalid)
                    let badName = try await plc.publish(
                        to: "gantry/camera/acme/loco-01-plc/Cab", payload: ByteBuffer(bytes: CameraRoutesTests.jpeg),
                        qos: .atLeastOnce)
                    #expect(badName == .topicNameInvalid)
                    let deeper = try await plc.publish(
                        to: "gantry/camera/acme/loco-01-plc/cab/extra",
                        payload: ByteBuffer(bytes: CameraRoutesTests.jpeg),
                        qos: .atLeastOnce)
                    #expect(deeper == .topicNameInvalid)
                    let foreign = try await plc.publish(
                        to: "gantry/camera/acme/loco-02-plc/cab", payload: ByteBuffer(bytes: CameraRoutesTests.jpeg),
                        qos: .atLeastOnce)
                    #expect(foreign == .notAuthorized, "another device's camera topic is outside this login")
                    // QoS 0 garbage is dropped quietly; the connection stays usable.
                    _ = try await plc.publish(to: topic, payload: ByteBuffer(bytes: [0xFF]), qos: .atMostOnce)
                    let again = try await plc.publish(
                        to: topic, payload: ByteBuffer(bytes: CameraRoutesTests.jpeg), qos: .atLeastOnce)
                    #expect(again == .success)
                    #expect(platform.cameras.latest(of: cab)?.sequence == 2, "only whole JPEGs were kept")
                    #expect(platform.cameras.cameras().map(\.camera) == [cab])
                    await plc.disconnect()
                }
                let frame = try await client.send(
                    .get, "/api/v1/cameras/frame.jpg?equipment=\(CameraRoutesTests.loco)&camera=cab",
                    token: tokens.viewer)
                #expect(frame.status == .ok)
            }
        }
    }
}
