import Foundation
import GantryConnectors
import GantryCore
import GantryIngest
import GantryStorage
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// Runs the connector of every device that has one (the platform's own Modbus and OPC UA clients): started
/// from the store at boot, restarted when an engineer saves a new configuration, stopped when it is disabled
/// or its device is removed. Each connector comes back by itself after losing its peer; the supervisor only
/// decides which ones run.
public actor ConnectorSupervisor: Service {
    /// One connector that runs, and how to stop it.
    struct Running: Sendable {
        let device: Device
        let definition: ConnectorDefinition
        let connector: any DeviceConnector
        let sink: ConnectorIngestSink
        let stop: AsyncStream<Void>.Continuation
    }

    /// A connector handed to the run loop.
    struct Launch: Sendable {
        let connector: any DeviceConnector
        let sink: ConnectorIngestSink
        let stopped: AsyncStream<Void>
    }

    let store: MetadataStore
    let ingest: Ingest
    let presence: DevicePresence
    let createTags: Bool
    /// Where connectors' command reports go, as a device's would over MQTT.
    let inbox: ControlInbox
    /// Where the connectors' counters are exported for `/metrics`.
    let metrics: PrometheusCollectorRegistry
    let logger: Logger
    var running: [UUID: Running] = [:]
    /// Devices (`ENTERPRISE/NAME`) whose connector carries out control commands, read by the control outlet on
    /// the caller's thread.
    nonisolated let commandable = Mutex<[String: UUID]>([:])
    private let launches: AsyncStream<Launch>
    private let launcher: AsyncStream<Launch>.Continuation
    let commands: AsyncStream<ConnectorCommandJob>
    let commandQueue: AsyncStream<ConnectorCommandJob>.Continuation

    public init(
        store: MetadataStore, ingest: Ingest, presence: DevicePresence, inbox: ControlInbox, createTags: Bool,
        metrics: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.store = store
        self.metrics = metrics
        self.inbox = inbox
        self.ingest = ingest
        self.presence = presence
        self.createTags = createTags
        self.logger = logger
        (launches, launcher) = AsyncStream.makeStream(of: Launch.self)
        // Commands are few and each is answered; a flood is cut rather than queued without end.
        (commands, commandQueue) = AsyncStream.makeStream(
            of: ConnectorCommandJob.self, bufferingPolicy: .bufferingNewest(1_000))
    }

    /// Starts every stored, enabled connector, then runs them (and the commands they carry out) until the
    /// platform stops.
    public func run() async throws {
        for stored in try await store.connectors() where stored.enabled {
            do {
                guard let device = try await store.device(id: stored.deviceID) else { continue }
                try start(device, try ConnectorDefinition.decode(stored.configuration))
            } catch {
                logger.error(
                    "stored connector not started", metadata: ["device.id": "\(stored.deviceID)", "error": "\(error)"])
            }
        }
        let launches = launches
        let commands = commands
        await withDiscardingTaskGroup { group in
            group.addTask { await self.carryOut(commands) }
            group.addTask { await self.exportMetrics() }
            for await launch in launches.cancelOnGracefulShutdown() {
                group.addTask { await Self.runUntilStopped(launch) }
            }
            group.cancelAll()
        }
    }

    /// Runs one connector until it is stopped or the platform stops, then takes it out of its device's presence.
    private static func runUntilStopped(_ launch: Launch) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await launch.connector.run() }
            group.addTask { for await _ in launch.stopped {} }
            await group.next()
            group.cancelAll()
        }
        await launch.sink.detach()
    }

    /// Starts `definition` for `device`, replacing what ran for it; a disabled one only stops the old.
    func start(_ device: Device, _ definition: ConnectorDefinition) throws {
        stop(device.id)
        guard definition.enabled else { return }
        let tags = try definition.tagPaths(under: device.assetPath)
        var connectorLogger = logger
        connectorLogger[metadataKey: "device.username"] = "\(device.username)"
        connectorLogger[metadataKey: "connector.protocol"] = "\(definition.protocol)"
        let sink = ConnectorIngestSink(
            ingest: ingest, presence: presence,
            source: IngestSource(name: device.username, subtree: device.assetPath, mayCreateTags: createTags),
            tags: tags, logger: connectorLogger)
        let connector = try definition.makeConnector(sink: sink, logger: connectorLogger)
        let (stopped, stop) = AsyncStream.makeStream(of: Void.self)
        running[device.id] = Running(
            device: device, definition: definition, connector: connector, sink: sink, stop: stop)
        if !definition.commands.isEmpty {
            let address = "\(device.assetPath.enterprise ?? "")/\(device.name)"
            commandable.withLock { $0[address] = device.id }
        }
        launcher.yield(Launch(connector: connector, sink: sink, stopped: stopped))
        logger.info(
            "connector started",
            metadata: ["device.username": "\(device.username)", "connector.protocol": "\(definition.protocol)"])
    }

    /// Stops the connector of the device with `id`, if one runs.
    func stop(_ id: UUID) {
        guard let old = running.removeValue(forKey: id) else { return }
        commandable.withLock { $0 = $0.filter { $0.value != id } }
        old.stop.finish()
        logger.info("connector stopped", metadata: ["device.username": "\(old.device.username)"])
    }

    /// The status of the device's connector; `nil` when none runs.
    public func status(of deviceID: UUID) -> ConnectorStatus? {
        running[deviceID]?.connector.status.current
    }

    /// The status of every running connector, by device id.
    public func statuses() -> [UUID: (protocol: ConnectorProtocol, status: ConnectorStatus)] {
        running.mapValues { ($0.definition.protocol, $0.connector.status.current) }
    }
}
