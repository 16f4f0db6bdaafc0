import ArgumentParser
import Configuration

/// The flags of a command that runs the platform (`gantry serve`, `gantry demo`), and how they become
/// configuration keys; flags win over `GANTRY_…` environment variables, the config file and defaults.
struct ServerOptions: ParsableArguments {
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

    /// The configuration: these flags over the environment over the config file over `defaults`.
    ///
    /// - Parameter defaults: values a command chooses instead of the platform's defaults (the demo's data
    ///   directory); anything the user sets anywhere wins over them.
    func reader(defaults: [AbsoluteConfigKey: ConfigValue] = [:]) async throws -> ConfigReader {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        func set(_ key: AbsoluteConfigKey, _ value: ConfigContent?, secret: Bool = false) {
            if let value { flags[key] = .init(value, isSecret: secret) }
        }
        set("http.port", httpPort.map { .int($0) })
        set("http.host", httpHost.map { .string($0) })
        set("mqtt.port", mqttPort.map { .int($0) })
        set("mqtt.webSocketPort", mqttWsPort.map { .int($0) })
        set("mqtt.tls.port", mqttTlsPort.map { .int($0) })
        set("mqtt.tls.webSocketPort", mqttWssPort.map { .int($0) })
        set("mqtt.tls.certificate", mqttTlsCert.map { .string($0) })
        set("mqtt.tls.privateKey", mqttTlsKey.map { .string($0) })
        set("mqtt.tls.clientCA", mqttTlsClientCa.map { .string($0) })
        set("mqtt.anonymous", mqttAnonymous ? .bool(true) : nil)
        set("mqtt.broker", mqttBroker.map { .string($0) }, secret: true)
        set("mqtt.brokerCA", mqttBrokerCa.map { .string($0) })
        set("mqtt.brokerCertificate", mqttBrokerCert.map { .string($0) })
        set("mqtt.brokerPrivateKey", mqttBrokerKey.map { .string($0) })
        set("log.level", logLevel.map { .string($0) })
        return try await store.reader(extra: flags, defaults: defaults)
    }
}
