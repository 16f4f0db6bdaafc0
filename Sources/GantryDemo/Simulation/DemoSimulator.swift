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

    /// Where a process on this machine reaches a listener bound to `host`: the loopback address for a
    /// listener on every interface, the host itself otherwise.
    public static func connectableHost(_ host: String) -> String {
        ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
    }
}
