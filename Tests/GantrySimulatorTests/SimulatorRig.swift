import GantryMQTT
import GantryTesting
import Logging
import NIOCore
import Synchronization

@testable import GantrySimulator

/// The standard plant simulated against a broker on a manual clock (about 20× real time), with a watcher
/// subscribed to every topic.
struct SimulatorRig: Sendable {
    let clock: ManualSimulationClock
    let simulator: PlantSimulator
    let inbox: Inbox

    /// Everything the watcher received, in order.
    final class Inbox: Sendable {
        private let messages = Mutex<[PublishPacket]>([])

        func append(_ message: PublishPacket) { messages.withLock { $0.append(message) } }

        var count: Int { messages.withLock { $0.count } }

        /// Waits until `done` holds for the messages received from `start` on, and returns them.
        func wait(
            for what: String, from start: Int = 0, until done: @escaping @Sendable ([PublishPacket]) -> Bool
        ) async throws -> [PublishPacket] {
            try await withDeadline(what, limit: .seconds(60)) {
                while true {
                    let seen = self.messages.withLock { Array($0.dropFirst(start)) }
                    if done(seen) { return seen }
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
        }
    }

    static func with<Result: Sendable>(
        port: Int, _ body: @escaping @Sendable (SimulatorRig) async throws -> Result
    ) async throws -> Result {
        let clock = ManualSimulationClock(now: morning)
        let simulator = PlantSimulator(
            seed: 1, clock: clock, reconnect: SimulatedReconnectPolicy(initialDelay: 200, maximumDelay: 1_000),
            logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { _ in
            SimulatedDeviceEndpoint(host: "127.0.0.1", port: port, configuration: MQTTClientConfiguration(clientID: ""))
        }
        let watcher = try await MQTTClient.connect(
            port: port, configuration: MQTTClientConfiguration(clientID: "watcher", messageBufferLimit: 1_000_000))
        _ = try await watcher.subscribe(to: "#", qos: .atLeastOnce)
        let rig = SimulatorRig(clock: clock, simulator: simulator, inbox: Inbox())
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await simulator.run() }
            tasks.addTask {
                for await message in watcher.messages { rig.inbox.append(message) }
            }
            tasks.addTask {
                while !Task.isCancelled {
                    clock.advance(by: 100)
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            defer { tasks.cancelAll() }
            let result = try await body(rig)
            await watcher.disconnect()
            return result
        }
    }
}
