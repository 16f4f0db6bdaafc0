import GantryCore
import GantryDemo
import GantryServer
import GantrySimulator
import GantryTesting
import HummingbirdTesting
import Logging
import Testing

/// The demo's wiring end to end: provisioned devices log in to the platform's broker with the passwords
/// provisioning issued, once the listener reports its port, and Gantry stores what they publish.
@Suite(.timeLimit(.minutes(3))) struct DemoSimulatorPlatformTests {
    static let locomotive = try! AssetPath("qingdao-mine/underground/haulage/loco-01")

    @Test func theLocomotivesSamplesReachTheStore() async throws {
        try await TestPlatform.withPlatform { platform in
            // Provisioned twice, as a restarted demo is: the simulator must use the second run's passwords.
            _ = try await DemoProvisioning(platform: platform).run()
            let credentials = try await DemoProvisioning(platform: platform).run()
            let brokerPort = ListenerPort()
            let simulator = DemoSimulator.make(
                credentials: credentials, host: "127.0.0.1", broker: brokerPort,
                logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() }))
            let speed = try TagPath(asset: Self.locomotive, name: "speed")
            let vibration = try TagPath("qingdao-mine/underground/ventilation/fan-01/vibration")
            let statistics = try await withThrowingTaskGroup(of: Void.self) { tasks in
                // Started before the broker listens: its devices wait for the port instead of failing.
                tasks.addTask { try await simulator.run() }
                defer { tasks.cancelAll() }
                return try await TestPlatform.withMQTT(platform) { port in
                    brokerPort.bound(port)
                    try await withDeadline("samples of the locomotive and the fan stored") {
                        while try await platform.telemetry.store.latest([speed, vibration]).count < 2 {
                            try await Task.sleep(for: .milliseconds(50))
                        }
                    }
                    // Read while the platform still runs: once it stops, publishes are refused, rightly.
                    return simulator.statistics
                }
            }
            #expect(statistics.refusedSamples == 0)
            #expect(statistics.connections >= 2)
        }
    }
}
