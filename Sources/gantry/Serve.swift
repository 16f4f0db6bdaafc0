import ArgumentParser
import Configuration
import Foundation
import GantryServer
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `gantry serve`: run the platform until SIGTERM or SIGINT, then shut down gracefully.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Gantry platform.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The HTTP port (default 8080; 0 picks a free one).")
    var httpPort: Int?

    @Option(name: .long, help: "The address to listen on (default 127.0.0.1; 0.0.0.0 for the plant network).")
    var httpHost: String?

    @Option(name: .long, help: "The MQTT broker's port (default 1883; 0 turns it off).")
    var mqttPort: Int?

    @Option(name: .long, help: "The MQTT-over-WebSocket port for browsers (default 8083; 0 turns it off).")
    var mqttWsPort: Int?

    @Option(name: .long, help: "The MQTT-over-TLS port (default 8883 once a certificate is set; 0 turns it off).")
    var mqttTlsPort: Int?

    @Option(name: .long, help: "The MQTT-over-secure-WebSocket (wss) port (default 0: off; needs a certificate).")
    var mqttWssPort: Int?

    @Option(name: .long, help: "PEM file with the broker's TLS certificate chain (turns MQTT over TLS on).")
    var mqttTlsCert: String?

    @Option(name: .long, help: "PEM file with the TLS certificate's private key.")
    var mqttTlsKey: String?

    @Option(name: .long, help: "PEM file with the CA that signs device certificates (client certificates optional).")
    var mqttTlsClientCa: String?

    @Flag(name: .long, help: "Let MQTT clients without credentials into a sandbox that never reaches plant data.")
    var mqttAnonymous = false

    @Option(
        name: .long,
        help: "Subscribe at this external broker (mqtt[s]://[user[:password]@]host[:port]) instead of listening.")
    var mqttBroker: String?

    @Option(name: .long, help: "PEM file with the CA(s) an mqtts:// --mqtt-broker's certificate must chain to.")
    var mqttBrokerCa: String?

    @Option(name: .long, help: "PEM file with the client certificate shown to an mqtts:// --mqtt-broker.")
    var mqttBrokerCert: String?

    @Option(name: .long, help: "PEM file with the key of --mqtt-broker-cert.")
    var mqttBrokerKey: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func run() async throws {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        if let httpPort { flags["http.port"] = .init(.int(httpPort), isSecret: false) }
        if let httpHost { flags["http.host"] = .init(.string(httpHost), isSecret: false) }
        if let mqttPort { flags["mqtt.port"] = .init(.int(mqttPort), isSecret: false) }
        if let mqttWsPort { flags["mqtt.webSocketPort"] = .init(.int(mqttWsPort), isSecret: false) }
        if let mqttTlsPort { flags["mqtt.tls.port"] = .init(.int(mqttTlsPort), isSecret: false) }
        if let mqttWssPort { flags["mqtt.tls.webSocketPort"] = .init(.int(mqttWssPort), isSecret: false) }
        if let mqttTlsCert { flags["mqtt.tls.certificate"] = .init(.string(mqttTlsCert), isSecret: false) }
        if let mqttTlsKey { flags["mqtt.tls.privateKey"] = .init(.string(mqttTlsKey), isSecret: false) }
        if let mqttTlsClientCa { flags["mqtt.tls.clientCA"] = .init(.string(mqttTlsClientCa), isSecret: false) }
        if mqttAnonymous { flags["mqtt.anonymous"] = .init(.bool(true), isSecret: false) }
        if let mqttBroker { flags["mqtt.broker"] = .init(.string(mqttBroker), isSecret: true) }
        if let mqttBrokerCa { flags["mqtt.brokerCA"] = .init(.string(mqttBrokerCa), isSecret: false) }
        if let mqttBrokerCert { flags["mqtt.brokerCertificate"] = .init(.string(mqttBrokerCert), isSecret: false) }
        if let mqttBrokerKey { flags["mqtt.brokerPrivateKey"] = .init(.string(mqttBrokerKey), isSecret: false) }
        if let logLevel { flags["log.level"] = .init(.string(logLevel), isSecret: false) }
        let reader = try await store.reader(extra: flags)
        let level = Logger.Level(rawValue: reader.string(forKey: "log.level", default: "info")) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "gantry")

        let platform = try await Platform.open(
            configuration: ServerConfiguration(config: reader), logger: logger, metrics: registry)
        if let password = platform.generatedAdminPassword {
            // Written unbuffered: when stdout is a file or a journal, a buffered line would appear only at exit.
            FileHandle.standardOutput.write(
                Data(
                    """
                    ------------------------------------------------------------
                    First start: created user 'admin' with password
                        \(password)
                    It is shown only this once. Change it with `gantry user passwd admin`.
                    ------------------------------------------------------------

                    """.utf8))
        }
        let app = platform.makeApplication { channel in
            logger.info("Gantry is serving", metadata: ["http.address": "\(channel.localAddress?.description ?? "?")"])
        }
        // Made before anything runs: a TLS file for the external broker that cannot be used stops the start.
        let bridge: ExternalBrokerBridge?
        do {
            bridge = try platform.makeExternalBrokerBridge()
        } catch {
            await platform.close()
            throw error
        }
        var configured: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: app),
            // Before ingest, so at shutdown (in reverse order) ingest stops first and the alarm service
            // evaluates and journals the last samples before the store closes.
            .init(service: platform.webhooks),
            .init(service: platform.alarms),
            .init(service: platform.ingest),
            .init(service: try TelemetryRetention(platform: platform), successTerminationBehavior: .ignore),
        ]
        if let mqtt = platform.makeMQTTListener() { configured.append(.init(service: mqtt)) }
        if let webSocket = platform.makeMQTTWebSocketListener() { configured.append(.init(service: webSocket)) }
        if let secure = platform.makeMQTTTLSListener() { configured.append(.init(service: secure)) }
        if let secure = platform.makeMQTTSecureWebSocketListener() { configured.append(.init(service: secure)) }
        // After ingest, so at shutdown (in reverse order) the bridge has disconnected before ingest stops.
        if let bridge {
            logger.info("external broker mode: the built-in MQTT listeners are off")
            configured.append(.init(service: bridge))
        }
        configured.append(.init(service: platform.makeBrokerHousekeeping()))
        let services = ServiceGroup(
            configuration: .init(
                services: configured,
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await services.run()
        } catch {
            await platform.close()
            throw error
        }
        await platform.close()
        logger.info("Gantry stopped")
    }
}
