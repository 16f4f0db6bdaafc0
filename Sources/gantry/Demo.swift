import ArgumentParser
import Configuration
import Foundation
import GantryDemo
import GantryServer
import GantrySimulator
import Logging
import NIOCore

/// `gantry demo`: the platform with a simulated plant to look at and to break; `gantry demo fault …` breaks it
/// from a second terminal.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Gantry with a simulated mine and workshop, a demo operator and faults to inject.",
        subcommands: [DemoStart.self, DemoFaultCommand.self],
        defaultSubcommand: DemoStart.self)
}

/// `gantry demo [start]`: `gantry serve` plus the simulated plant (provisioned on first start), its devices
/// publishing over the built-in broker, a demo operator, and the simulator's fault API.
///
/// It takes serve's flags and environment. The data directory defaults to `./gantry-demo-data`, not serve's
/// `./gantry-data`: the demo creates enterprises, devices and an `operator` account, which must never land in
/// a production data directory because someone ran the demo in the same folder. `--data-dir` or
/// `GANTRY_DATA_DIR` choose any other.
struct DemoStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the platform with the simulated plant, its fault API and a demo operator.",
        discussion: """
            The operator's password comes from GANTRY_DEMO_PASSWORD, or is generated and printed at each start. \
            The admin's comes from GANTRY_ADMIN_PASSWORD, or is generated and printed at the first start.
            """)

    /// Where the demo keeps its data unless told otherwise.
    static let dataDirectory = "./gantry-demo-data"

    @OptionGroup var server: ServerOptions

    @Option(name: .long, help: "The simulated plant's random seed; the same seed plays the same plant.")
    var seed: UInt64 = DemoSimulator.seed

    func run() async throws {
        let reader = try await server.reader(defaults: ["dataDir": .init(.string(Self.dataDirectory), isSecret: false)])
        // Quieter than serve by default, so the banner stays readable; --log-level info shows everything.
        let (logger, registry) = PlatformServices.bootstrap(reader, defaultLevel: "notice")
        let platform = try await Platform.open(
            configuration: ServerConfiguration(config: reader), logger: logger, metrics: registry)
        let credentials: DemoCredentials
        do {
            guard !platform.usesExternalBroker else {
                throw ValidationError(
                    "the demo's simulated devices publish to the built-in broker; leave out --mqtt-broker")
            }
            credentials = try await DemoProvisioning(platform: platform).run(
                operatorPassword: ProcessInfo.processInfo.environment["GANTRY_DEMO_PASSWORD"])
            try await installDemoRules(on: platform.alarms)
        } catch {
            await platform.close()
            throw error
        }
        let brokerPort = ListenerPort()
        var simulatorLogger = logger
        simulatorLogger[metadataKey: "subsystem"] = "simulator"
        let simulator = DemoSimulator.make(
            seed: seed, credentials: credentials,
            host: DemoSimulator.connectableHost(platform.configuration.mqttHost), broker: brokerPort,
            logger: simulatorLogger)
        let camera = DemoSimulator.cabCamera(
            of: simulator, credentials: credentials,
            host: DemoSimulator.connectableHost(platform.configuration.mqttHost), broker: brokerPort,
            logger: simulatorLogger)
        let banner = DemoBanner(
            credentials: credentials, generatedAdminPassword: platform.generatedAdminPassword,
            httpHost: platform.configuration.httpHost, dataDirectory: platform.configuration.dataDirectory)
        try await PlatformServices.run(
            platform, logger: logger, additionalRoutes: [SimulatorFaultRoutes(simulator: simulator)],
            // The simulator needs a broker to talk to: with mqtt.port 0 the demo listens on a free port.
            mqttPort: platform.configuration.mqttPort == 0 ? 0 : nil,
            onMQTTBound: { address in brokerPort.bound(address.port ?? 0) },
            services: [simulator] + (camera.map { [$0] } ?? []),
            onServerRunning: { channel in
                guard let mqtt = try? await brokerPort.value() else { return }
                PlatformServices.show(banner.text(httpPort: channel.localAddress?.port ?? 0, mqttPort: mqtt))
            })
    }
}
