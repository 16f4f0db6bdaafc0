import Configuration
import Foundation
import GantryServer
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle

/// What every command that runs the platform shares (`gantry serve`, `gantry demo`): logging and metrics set
/// up once, and one `ServiceGroup` of the HTTP application, ingest, retention, the MQTT listeners or the
/// external-broker bridge, and the broker's housekeeping, stopped gracefully on SIGTERM or SIGINT.
enum PlatformServices {
    /// Logs to standard error at `log.level` (default `defaultLevel`) and metrics into the registry `/metrics`
    /// serves.
    static func bootstrap(
        _ reader: ConfigReader, defaultLevel: String = "info"
    ) -> (
        Logger, PrometheusCollectorRegistry
    ) {
        let level = Logger.Level(rawValue: reader.string(forKey: "log.level", default: defaultLevel)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return (Logger(label: "gantry"), registry)
    }

    /// Runs the platform's services until a signal, then closes the platform (also when starting fails).
    ///
    /// - Parameters:
    ///   - additionalRoutes: routes beside the platform's own (the demo's simulator faults).
    ///   - mqttPort: overrides `mqtt.port` (the demo needs a listener even when it is 0, on a free port).
    ///   - onMQTTBound: told the MQTT listener's address once it is bound.
    ///   - services: run after the listeners start and stopped before they stop (the demo's simulator).
    ///   - onServerRunning: told the HTTP channel once the server accepts connections.
    static func run(
        _ platform: Platform, logger: Logger, additionalRoutes: [any APIRoutes] = [], mqttPort: Int? = nil,
        onMQTTBound: @escaping @Sendable (SocketAddress) -> Void = { _ in }, services extra: [any Service] = [],
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) async throws {
        do {
            let app = platform.makeApplication(additionalRoutes: additionalRoutes) { channel in
                logger.info(
                    "Gantry is serving", metadata: ["http.address": "\(channel.localAddress?.description ?? "?")"])
                await onServerRunning(channel)
            }
            // Made before anything runs: a TLS file for the external broker that cannot be used stops the start.
            let bridge = try platform.makeExternalBrokerBridge()
            var configured: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: app),
                // Before ingest, so at shutdown (in reverse order) ingest stops first and the alarm service
                // evaluates and journals the last samples before the store closes.
                .init(service: platform.webhooks),
                .init(service: platform.alarms),
                .init(service: platform.control),
                .init(service: platform.ingest),
                // After ingest, so at shutdown (in reverse order) the connectors stop delivering before ingest stops.
                .init(service: platform.connectors),
                // Stopping cancels the running solve (its best schedule kept) and the queued ones.
                .init(service: platform.schedules),
                .init(service: try TelemetryRetention(platform: platform), successTerminationBehavior: .ignore),
            ]
            if let mqtt = platform.makeMQTTListener(port: mqttPort, onBound: onMQTTBound) {
                configured.append(.init(service: mqtt))
            }
            if let webSocket = platform.makeMQTTWebSocketListener() { configured.append(.init(service: webSocket)) }
            if let puller = platform.makeCameraPuller() { configured.append(.init(service: puller)) }
            if let secure = platform.makeMQTTTLSListener() { configured.append(.init(service: secure)) }
            if let secure = platform.makeMQTTSecureWebSocketListener() { configured.append(.init(service: secure)) }
            // After ingest, so at shutdown (in reverse order) the bridge has disconnected before ingest stops.
            if let bridge {
                logger.info("external broker mode: the built-in MQTT listeners are off")
                configured.append(.init(service: bridge))
            }
            configured += extra.map { .init(service: $0) }
            configured.append(.init(service: platform.makeBrokerHousekeeping()))
            let group = ServiceGroup(
                configuration: .init(
                    services: configured, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        } catch {
            await platform.close()
            throw error
        }
        await platform.close()
        logger.info("Gantry stopped")
    }

    /// Writes `text` to standard output unbuffered: when stdout is a file or a journal, a buffered line would
    /// appear only at exit.
    static func show(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
