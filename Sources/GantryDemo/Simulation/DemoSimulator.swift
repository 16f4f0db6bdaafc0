import GantryCore
import GantryMQTT
import GantrySimulator
import Logging

/// The demo's simulator: the plant's devices logging in to the platform's own broker with the credentials
/// provisioning issued.
public enum DemoSimulator {
    /// The seed of the demo plant's signals: fixed, so two demos show the same plant.
    public static let seed: UInt64 = 2024

    /// A simulator whose devices connect to `host` on the port `broker` reports once the listener has bound.
    ///
    /// A device without a provisioned password connects with an empty one and is refused by the broker, which
    /// the simulator logs and retries; provisioning gives every device of the plant one.
    public static func make(
        plant: SimulatedPlant = .standard, seed: UInt64 = seed, credentials: DemoCredentials, host: String,
        broker: ListenerPort, clock: any SimulationClock = WallSimulationClock(), logger: Logger
    ) -> PlantSimulator {
        let passwords = credentials.devicePasswords
        return PlantSimulator(plant: plant, seed: seed, clock: clock, logger: logger) { device in
            SimulatedDeviceEndpoint(
                host: host, port: try await broker.value(),
                configuration: MQTTClientConfiguration(
                    clientID: "", username: device.username, password: Array((passwords[device.name] ?? "").utf8)))
        }
    }

    /// The locomotive's cab camera: frames of the tunnel ahead at 10 fps, moving with the speed the locomotive's
    /// instrument last reported, published over MQTT as the locomotive's PLC.
    public static func cabCamera(
        of simulator: PlantSimulator, credentials: DemoCredentials, host: String, broker: ListenerPort, logger: Logger
    ) -> SyntheticCamera? {
        guard let device = simulator.plant.devices.first(where: { $0.name == "loco-01-plc" }),
            let speedTag = try? TagPath(asset: device.assetPath, name: "speed")
        else { return nil }
        let passwords = credentials.devicePasswords
        return SyntheticCamera(
            device: device, camera: "cab", logger: logger,
            speed: { _ in
                if case .double(let speed) = simulator.lastValue(of: speedTag) { return speed }
                return 0
            },
            endpoint: { device in
                SimulatedDeviceEndpoint(
                    host: host, port: try await broker.value(),
                    configuration: MQTTClientConfiguration(
                        clientID: "", username: device.username,
                        password: Array((passwords[device.name] ?? "").utf8)))
            })
    }

    /// Where a process on this machine reaches a listener bound to `host`: the loopback address for a
    /// listener on every interface, the host itself otherwise.
    public static func connectableHost(_ host: String) -> String {
        ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
    }
}
