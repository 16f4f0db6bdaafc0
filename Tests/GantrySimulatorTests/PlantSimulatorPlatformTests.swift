import Foundation
import GantryCore
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import Logging
import Testing

@testable import GantrySimulator

/// The whole story: a Gantry platform gets the plant's assets, tags and devices over its API, the simulator logs
/// in as each device, and Gantry stores what every one of them publishes.
@Suite(.timeLimit(.minutes(5))) struct PlantSimulatorPlatformTests {
    static func body(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    @Test func gantryStoresWhatEveryDevicePublishes() async throws {
        let plant = SimulatedPlant.standard
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                // The wiring the demo command does: assets parents first, the tags their type does not create,
                // then the devices, keeping each password.
                for asset in plant.assets {
                    var fields: [String: Any] = ["path": "\(asset.path)", "name": asset.name]
                    if let type = asset.equipmentType { fields["type"] = type }
                    let created = try await client.send(
                        .post, "/api/v1/assets", token: token, json: try Self.body(fields))
                    #expect(created.status == .created, "\(asset.path): \(created.text)")
                    for tag in asset.extraTags {
                        var fields: [String: Any] = [
                            "path": "\(asset.tagPath(tag.name))", "dataType": tag.dataType.rawValue, "unit": tag.unit,
                            "description": tag.description,
                        ]
                        if let min = tag.min { fields["min"] = min }
                        if let max = tag.max { fields["max"] = max }
                        let made = try await client.send(
                            .post, "/api/v1/tags", token: token, json: try Self.body(fields))
                        #expect(made.status == .created, "\(asset.tagPath(tag.name)): \(made.text)")
                    }
                }
                var passwords: [String: String] = [:]
                for device in plant.devices {
                    let fields: [String: Any] = ["name": device.name, "assetPath": "\(device.assetPath)"]
                    let made = try await client.send(
                        .post, "/api/v1/devices", token: token, json: try Self.body(fields))
                    passwords[device.name] = try #require(try made.json()["password"] as? String, "\(made.text)")
                }
                let credentials = passwords

                try await TestPlatform.withMQTT(platform) { port in
                    // An hour ago, at about 20× real time, so no sample lies in Gantry's future.
                    let clock = ManualSimulationClock(now: WallSimulationClock().now() - 3_600_000)
                    let simulator = PlantSimulator(
                        plant: plant, seed: 7, clock: clock,
                        logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() })
                    ) { device in
                        SimulatedDeviceEndpoint(
                            host: "127.0.0.1", port: port,
                            configuration: MQTTClientConfiguration(
                                clientID: "", username: device.username,
                                password: Array((credentials[device.name] ?? "").utf8)))
                    }
                    let wanted = plant.assets.filter { $0.model != nil }.count * 40
                    let statistics = try await withThrowingTaskGroup(of: PlantSimulatorStatistics?.self) { tasks in
                        tasks.addTask {
                            try await simulator.run()
                            return nil
                        }
                        tasks.addTask {
                            while !Task.isCancelled {
                                clock.advance(by: 100)
                                try await Task.sleep(for: .milliseconds(5))
                            }
                            return nil
                        }
                        defer { tasks.cancelAll() }
                        // Read before shutting down: publishes in flight then are dropped, by design.
                        return try await withDeadline("\(wanted) samples accepted") {
                            while simulator.statistics.publishedSamples < wanted {
                                try await Task.sleep(for: .milliseconds(20))
                            }
                            return simulator.statistics
                        }
                    }
                    #expect(statistics.connections == plant.devices.count)
                    // Gantry refuses a JSON publish with a PUBACK reason code of 0x80 or above.
                    #expect(statistics.refusedSamples == 0)
                    #expect(statistics.droppedSamples == 0)
                }
                // Every tag of the plant has a stored value, JSON and Sparkplug alike.
                for tag in plant.assets.flatMap(\.tagPaths) {
                    let read = try await client.send(.get, "/api/v1/telemetry/latest?tag=\(tag)", token: token)
                    #expect(read.status == .ok)
                    #expect(read.text.contains("\"value\""), "\(tag) has no value: \(read.text)")
                }
            }
        }
    }
}
