import GantryCore
import GantryMQTT
import Logging
import ServiceLifecycle
import Synchronization

/// The simulated plant on the wire: one MQTT connection per device, publishing its assets' signals at the
/// device's interval, with faults injected and cleared while it runs.
///
/// JSON devices publish each tag QoS 1 as `{"value":…,"ts":…}` to `ASSET/TAG` and keep a retained `online` flag
/// whose will is `false`; Sparkplug devices are edge nodes (group = enterprise, node = device name) with NBIRTH,
/// NDATA by alias and NDEATH as will, and answer a host's rebirth request. A device whose broker goes away
/// reconnects with back-off; nothing is queued while it is away (its models catch up on reconnect), and
/// publishes the client cannot take are dropped and counted.
public final class PlantSimulator: Service, Sendable {
    public let plant: SimulatedPlant
    let clock: any SimulationClock
    let reconnect: SimulatedReconnectPolicy
    let endpoint: @Sendable (SimulatedDevice) async throws -> SimulatedDeviceEndpoint
    let logger: Logger
    let simulation: Mutex<PlantSimulation>
    let counters = Counters()
    /// The last value each instrument reported, for the synthetic camera's overlay.
    private let lastValues = Mutex<[TagPath: SampleValue]>([:])

    /// - Parameters:
    ///   - seed: makes the signals reproducible; the same seed gives the same plant behaviour.
    ///   - clock: the wall clock, or a ``ManualSimulationClock`` in tests.
    ///   - endpoint: each device's broker address and client configuration (with its credentials); asked
    ///     again before every connection attempt.
    public init(
        plant: SimulatedPlant = .standard, seed: UInt64, clock: any SimulationClock = WallSimulationClock(),
        reconnect: SimulatedReconnectPolicy = SimulatedReconnectPolicy(), logger: Logger,
        endpoint: @escaping @Sendable (SimulatedDevice) async throws -> SimulatedDeviceEndpoint
    ) {
        self.plant = plant
        self.clock = clock
        self.reconnect = reconnect
        self.endpoint = endpoint
        self.logger = logger
        self.simulation = Mutex(PlantSimulation(plant: plant, seed: seed))
    }

    /// Runs every device until the task is cancelled or a graceful shutdown begins; devices then publish their
    /// offline state (NDEATH, `online = false`) and disconnect cleanly.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { devices in
                for device in self.plant.devices {
                    devices.addTask { await DeviceSession(device: device, simulator: self).run() }
                }
            }
        }
    }

    /// Starts playing `fault` now.
    ///
    /// - Throws: `SimulatorError` `.unknownTarget` or `.faultNotApplicable`.
    public func inject(_ fault: SimulatedFault) throws(SimulatorError) {
        let now = clock.now()
        try simulation.withLock { simulation throws(SimulatorError) in try simulation.inject(fault, at: now) }
        logger.info("fault injected", metadata: ["simulator.fault": "\(fault)"])
    }

    /// Stops playing `fault`.
    ///
    /// - Throws: `SimulatorError` `.faultNotActive`.
    public func clear(_ fault: SimulatedFault) throws(SimulatorError) {
        try simulation.withLock { simulation throws(SimulatorError) in try simulation.clear(fault) }
        logger.info("fault cleared", metadata: ["simulator.fault": "\(fault)"])
    }

    /// Keeps the newest value of each tag in `samples`.
    func remember(_ samples: [SimulatedSample]) {
        guard !samples.isEmpty else { return }
        lastValues.withLock { values in
            for sample in samples { values[sample.tag] = sample.value }
        }
    }

    /// The last value the instrument of `tag` reported, as the device published it.
    public func lastValue(of tag: TagPath) -> SampleValue? {
        lastValues.withLock { $0[tag] }
    }

    /// The faults being played, in the order they were injected.
    public var activeFaults: [SimulatedFault] { simulation.withLock { $0.activeFaults } }

    /// What the simulator has done so far.
    public var statistics: PlantSimulatorStatistics {
        PlantSimulatorStatistics(
            publishedSamples: counters.published.load(ordering: .relaxed),
            droppedSamples: counters.dropped.load(ordering: .relaxed),
            refusedSamples: counters.refused.load(ordering: .relaxed),
            connections: counters.connections.load(ordering: .relaxed))
    }

    final class Counters: Sendable {
        let published = Atomic<Int>(0)
        let dropped = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let connections = Atomic<Int>(0)
    }
}

/// Counts of a running simulator, for logs, a status page and tests.
public struct PlantSimulatorStatistics: Hashable, Sendable {
    /// Samples handed to a connection (JSON publishes, or metrics in Sparkplug messages).
    public var publishedSamples: Int
    /// Samples the connection could not take (closed mid-publish, or its queue full) and that were dropped.
    public var droppedSamples: Int
    /// JSON samples the broker refused (PUBACK reason code 0x80 and above): with Gantry, a tag that does not
    /// exist and may not be created, a value of the wrong type, or a topic outside the device's subtree.
    public var refusedSamples: Int
    /// Successful MQTT connections, reconnections included.
    public var connections: Int
}
