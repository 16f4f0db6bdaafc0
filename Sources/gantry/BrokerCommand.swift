import ArgumentParser
import GantryMQTT
import Logging
import NIOPosix
import ServiceLifecycle

/// `gantry broker`: only the MQTT broker, open to every client, until SIGTERM or SIGINT.
///
/// Hidden: `gantry bench mqtt` starts it as a process of its own, so that it competes with
/// Mosquitto on equal terms; it has no access control and is not for plant networks.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker", abstract: "Run only the MQTT broker, without authentication (for benchmarks).",
        shouldDisplay: false)

    @Option(help: "The port to listen on.")
    var port = 1883

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "warning"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "gantry.broker")
        let group = MultiThreadedEventLoopGroup.singleton
        let broker = MQTTBroker(authenticator: OpenAuthenticator(), timerLoop: group.any(), logger: logger)
        let listener = MQTTListener(broker: broker, host: host, port: port, group: group)
        let services = ServiceGroup(
            configuration: .init(
                services: [.init(service: listener)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
    }
}
