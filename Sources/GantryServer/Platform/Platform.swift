import Foundation
import GantryCore
import GantryIngest
import GantryMQTT
import GantryStorage
import Hummingbird
import Logging
import Prometheus

/// One running Gantry: its configuration, its store and the services on top, ready to be served.
///
/// The executable and the tests build the platform the same way, so what the tests exercise is what
/// runs in the plant.
public struct Platform: Sendable {
    public let configuration: ServerConfiguration
    public let store: MetadataStore
    public let accounts: Accounts
    public let plant: PlantRegistry
    public let telemetry: TelemetryService
    /// The one road in: transports hand samples here; run it as a service beside the listeners.
    public let ingest: Ingest
    /// The one fan-out of stored samples, device status and alarm changes.
    public var live: LiveBus { ingest.live }
    /// The built-in MQTT broker (its listener runs only when `mqtt.port` is not 0 and no external broker is set).
    public let broker: MQTTBroker
    /// Which devices are connected to the broker now.
    public let presence: DevicePresence
    /// Alarm rules, states and journal; run it as a service beside ingest.
    public let alarms: AlarmService
    /// Alarm notifications to webhooks; run it as a service.
    public let webhooks: WebhookDispatcher
    /// Commands, control leases, teleoperation and the control audit journal; run it as a service.
    public let control: ControlService
    /// The latest frame of every camera, relayed to MJPEG viewers.
    public let cameras: CameraRelay
    /// The platform's own Modbus TCP and OPC UA clients, one per device that has one; run it as a service.
    public let connectors: ConnectorSupervisor
    /// Production scheduling solves, run one at a time in the background; run it as a service.
    public let schedules: ScheduleBoard
    /// The Sparkplug B primary host application on the broker.
    let sparkplug: SparkplugIngest
    /// TLS for the MQTT listeners, loaded at open so a bad certificate stops the start.
    let transportSecurity: MQTTTransportSecurity?
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger
    /// The first admin's password when this start generated it; show it once.
    public let generatedAdminPassword: String?

    /// Creates the data directory, opens and migrates the store, and makes sure an admin exists.
    ///
    /// `timing` is where alarm delays, shelve expiries and webhook retries get time; tests pass a manual one.
    public static func open(
        configuration: ServerConfiguration, logger: Logger, metrics: PrometheusCollectorRegistry = .init(),
        timing: PlatformTiming = .system
    ) async throws -> Platform {
        let configuration = try configuration.validated()
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let location = try DatabaseLocation(url: configuration.databaseURL, dataDirectory: configuration.dataDirectory)
        logger.info("opening metadata store", metadata: ["database": "\(location)"])
        let store = try await MetadataStore.open(location: location, logger: logger)
        // Closed again when a later step fails, so a refused start lets go of the telemetry directory's lock.
        var openedTelemetry: TelemetryService?
        do {
            let transportSecurity = try configuration.mqttTLS.transportSecurity()
            let hasher = PasswordHasher(cost: configuration.bcryptCost)
            let (accounts, generated) = try await Accounts.open(
                configuration, store: store, hasher: hasher, logger: logger)
            let live = LiveBus()
            let telemetry = try await openTelemetry(configuration, metadata: store, live: live, logger: logger)
            openedTelemetry = telemetry
            let ingest = Ingest(
                store: telemetry.store, metadata: store, logger: logger,
                futureBound: Int64(configuration.telemetryFutureBoundSeconds) * 1000, live: live)
            let webhooks = WebhookDispatcher(store: store, clock: timing.clock, logger: logger)
            let alarms = try await AlarmService.open(
                store: store, live: live, webhooks: webhooks, timing: timing, logger: logger)
            let sparkplug = SparkplugIngest(
                hostID: configuration.sparkplugHostID, ingest: ingest, store: telemetry.store, logger: logger)
            let presence = DevicePresence()
            let inbox = ControlInbox()
            let cameras = CameraRelay()
            let broker = makeBroker(
                configuration, store: store, hasher: hasher, ingest: ingest, sparkplug: sparkplug, presence: presence,
                control: inbox, cameras: cameras, logger: logger)
            let plant = PlantRegistry(store: store, hasher: hasher, logger: logger)
            var connectorLogger = logger
            connectorLogger[metadataKey: "subsystem"] = "connectors"
            let connectors = ConnectorSupervisor(
                store: store, ingest: ingest, presence: presence, inbox: inbox,
                createTags: configuration.ingestCreateTags, metrics: metrics, logger: connectorLogger)
            var controlLogger = logger
            controlLogger[metadataKey: "subsystem"] = "control"
            let control = try await ControlService.open(
                store: store, live: live, outlet: ConnectorControlOutlet(broker: broker, connectors: connectors),
                inbox: inbox, timing: timing,
                settings: configuration.controlSettings, logger: controlLogger)
            await control.attach(
                TeleoperationLossAlarm(
                    store: store, plant: plant, telemetry: telemetry, alarms: alarms, logger: controlLogger))
            // At an external broker the host goes online with the bridge's connection, not here.
            if try configuration.externalBroker == nil { sparkplug.attach(to: broker) }
            return Platform(
                configuration: configuration, store: store, accounts: accounts,
                plant: plant, telemetry: telemetry,
                ingest: ingest, broker: broker, presence: presence, alarms: alarms, webhooks: webhooks,
                control: control, cameras: cameras, connectors: connectors,
                schedules: ScheduleBoard(
                    limits: configuration.scheduling, metrics: metrics, logger: schedulingLogger(logger)),
                sparkplug: sparkplug,
                transportSecurity: transportSecurity, metrics: metrics,
                logger: logger,
                generatedAdminPassword: generated)
        } catch {
            try? await openedTelemetry?.store.close()
            await store.shutdown()
            throw error
        }
    }

    private static func schedulingLogger(_ logger: Logger) -> Logger {
        var logger = logger
        logger[metadataKey: "subsystem"] = "scheduling"
        return logger
    }

    /// The telemetry store: the embedded engine in `<dataDir>/telemetry`, or PostgreSQL when
    /// `telemetry.database.url` names a server.
    private static func openTelemetry(
        _ configuration: ServerConfiguration, metadata: MetadataStore, live: LiveBus, logger: Logger
    ) async throws -> TelemetryService {
        if let url = configuration.telemetryDatabaseURL {
            let store = try await PostgresTelemetryStore.open(
                url: url, logger: logger,
                outOfOrderWindow: Int64(configuration.telemetryOutOfOrderWindowSeconds) * 1000,
                futureBound: Int64(configuration.telemetryFutureBoundSeconds) * 1000)
            return TelemetryService(store: store, metadata: metadata, live: live, logger: logger)
        }
        var engine = EmbeddedTelemetryConfiguration(directory: configuration.dataDirectory + "/telemetry")
        engine.outOfOrderWindow = Int64(configuration.telemetryOutOfOrderWindowSeconds) * 1000
        engine.futureBound = Int64(configuration.telemetryFutureBoundSeconds) * 1000
        logger.info("opening telemetry store", metadata: ["directory": "\(engine.directory)"])
        let store = try await EmbeddedTelemetryStore.open(engine, logger: logger)
        return TelemetryService(store: store, metadata: metadata, live: live, logger: logger)
    }

    /// Closes the stores; call after the application has stopped.
    public func close() async {
        cameras.shutdown()
        sparkplug.detach()
        do {
            try await telemetry.store.close()
        } catch {
            logger.error("closing the telemetry store failed", metadata: ["error": "\(error)"])
        }
        await store.shutdown()
    }
}
