import GantryCore
import GantryMQTT
import GantryServer
import GantrySimulator
import GantryTesting
import HummingbirdTesting
import Logging
import Testing

/// The synthetic cab camera publishing over MQTT with its device's credentials, into the platform's relay.
@Suite struct SyntheticCameraTests {
    @Test func framesReachThePlatformsRelayUnderTheDevicesEquipment() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                let loco = "qingdao-mine/underground/haulage/loco-01"
                for path in ["qingdao-mine", "qingdao-mine/underground", "qingdao-mine/underground/haulage", loco] {
                    _ = try await client.send(
                        .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"}"#)
                }
                let created = try await client.send(
                    .post, "/api/v1/devices", token: admin, json: #"{"name":"loco-01-plc","assetPath":"\#(loco)"}"#)
                let password = try #require(try created.json()["password"] as? String)
                let device = try #require(SimulatedPlant.standard.devices.first { $0.name == "loco-01-plc" })
                let cab = try CameraID(equipment: AssetPath(loco), name: "cab")

                try await TestPlatform.withMQTT(platform) { port in
                    let camera = SyntheticCamera(
                        device: device, framesPerSecond: 20,
                        logger: Logger(label: "camera", factory: { _ in SwiftLogNoOpLogHandler() }),
                        speed: { _ in 4.5 }
                    ) { device in
                        SimulatedDeviceEndpoint(
                            host: "127.0.0.1", port: port,
                            configuration: MQTTClientConfiguration(
                                clientID: "", username: device.username, password: Array(password.utf8)))
                    }
                    #expect(camera.topic == "gantry/camera/qingdao-mine/loco-01-plc/cab")
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        tasks.addTask { try await camera.run() }
                        try await withDeadline("three frames in the relay", limit: .seconds(60)) {
                            while (platform.cameras.latest(of: cab)?.sequence ?? 0) < 3 {
                                try await Task.sleep(for: .milliseconds(20))
                            }
                        }
                        tasks.cancelAll()
                    }
                    let frame = try #require(platform.cameras.latest(of: cab))
                    #expect(frame.capturedAt <= frame.receivedAt, "the capture time travelled as a user property")
                    #expect(frame.jpeg.readableBytes > 5_000)
                    #expect(camera.connectionCount == 1)
                }
            }
        }
    }
}
