import GantryIngest
import GantryMQTT
import GantryStorage
import Logging
import NIOCore
import NIOPosix

extension Platform {
    /// The broker devices log in to with their registration credentials; with `mqtt.anonymous`,
    /// clients without credentials get a sandbox broker of their own.
    static func makeBroker(
        _ configuration: ServerConfiguration, store: MetadataStore, hasher: PasswordHasher, ingest: Ingest,
        sparkplug: SparkplugIngest, presence: DevicePresence, control: ControlInbox, cameras: CameraRelay,
        logger: Logger
    ) -> MQTTBroker {
        var settings = MQTTBrokerConfiguration()
        settings.serverKeepAliveCap = UInt16(configuration.mqttServerKeepAlive)
        settings.maximumPacketSize = configuration.mqttMaximumPacketSize
        var mqttLogger = logger
        mqttLogger[metadataKey: "subsystem"] = "mqtt"
        let timers = MultiThreadedEventLoopGroup.singleton.any()
        let sandbox =
            configuration.mqttAnonymous
            ? MQTTBroker(configuration: settings, timerLoop: timers, logger: mqttLogger) : nil
        let broker = MQTTBroker(
            configuration: settings,
            authenticator: DeviceAuthenticator(
                store: store, hasher: hasher, allowAnonymous: configuration.mqttAnonymous,
                createTags: configuration.ingestCreateTags, logger: mqttLogger),
            publishHook: MQTTIngestHook(
                ingest: ingest, sparkplug: sparkplug, presence: presence, control: control,
                cameras: CameraFrameIntake(relay: cameras)),
            sandbox: sandbox,
            timerLoop: timers,
            logger: mqttLogger)
        broker.loadState(from: brokerStateFile(configuration))
        return broker
    }

    /// Where the broker keeps retained messages and persistent sessions across restarts.
    static func brokerStateFile(_ configuration: ServerConfiguration) -> String {
        configuration.dataDirectory + "/mqtt-state.bin"
    }

    /// The MQTT-over-WebSocket listener for browsers, or `nil` when `mqtt.webSocketPort` is 0 or
    /// `mqtt.broker` names an external broker.
    /// - Parameter port: overrides the configured port (tests pass 0 for a free one).
    public func makeMQTTWebSocketListener(
        port: Int? = nil, onBound: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) -> MQTTListener? {
        listener(
            port: port, configuredPort: configuration.mqttWebSocketPort,
            transport: .webSocket(path: configuration.mqttWebSocketPath), security: nil, onBound: onBound)
    }

    /// Statistics under `$SYS/broker/` and the periodic and final saves of the broker's state.
    public func makeBrokerHousekeeping() -> BrokerHousekeeping {
        BrokerHousekeeping(broker: broker, stateFile: Self.brokerStateFile(configuration))
    }

    /// The MQTT listener to run beside the HTTP server, or `nil` when `mqtt.port` is 0 or `mqtt.broker`
    /// names an external broker.
    /// - Parameter port: overrides the configured port (tests pass 0 for a free one).
    public func makeMQTTListener(
        port: Int? = nil, onBound: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) -> MQTTListener? {
        listener(port: port, configuredPort: configuration.mqttPort, transport: .tcp, security: nil, onBound: onBound)
    }

    /// The MQTT-over-TLS listener (port `mqtt.tls.port`), or `nil` when no certificate is configured,
    /// the port is 0, or Gantry subscribes to an external broker.
    /// - Parameter port: overrides the configured port (tests pass 0 for a free one).
    public func makeMQTTTLSListener(
        port: Int? = nil, onBound: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) -> MQTTListener? {
        guard let security = transportSecurity else { return nil }
        return listener(
            port: port, configuredPort: configuration.mqttTLS.port, transport: .tcp, security: security,
            onBound: onBound)
    }

    /// MQTT over secure WebSocket for browsers on an HTTPS page, or `nil` unless a certificate and
    /// `mqtt.tls.webSocketPort` are configured (and never in external broker mode).
    public func makeMQTTSecureWebSocketListener(
        port: Int? = nil, onBound: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) -> MQTTListener? {
        guard let security = transportSecurity else { return nil }
        return listener(
            port: port, configuredPort: configuration.mqttTLS.webSocketPort,
            transport: .webSocket(path: configuration.mqttWebSocketPath), security: security, onBound: onBound)
    }

    /// A listener of the built-in broker on `port`, or on `configuredPort` where 0 means off; none at
    /// all when Gantry subscribes to an external broker instead of listening.
    private func listener(
        port: Int?, configuredPort: Int, transport: MQTTListener.Transport, security: MQTTTransportSecurity?,
        onBound: @escaping @Sendable (SocketAddress) -> Void
    ) -> MQTTListener? {
        guard !usesExternalBroker, port != nil || configuredPort != 0 else { return nil }
        return MQTTListener(
            broker: broker, host: configuration.mqttHost, port: port ?? configuredPort, transport: transport,
            security: security, onBound: onBound)
    }
}

extension Platform {
    /// Reads the MJPEG cameras of `cameras.sources` into the relay, or `nil` when none is configured.
    public func makeCameraPuller() -> CameraPuller? {
        // Checked in `validated()`, so every entry parses here.
        let sources = configuration.cameraSources.compactMap { try? CameraSource($0) }
        guard !sources.isEmpty else { return nil }
        var pullerLogger = logger
        pullerLogger[metadataKey: "subsystem"] = "video"
        return CameraPuller(sources: sources, relay: cameras, logger: pullerLogger)
    }
}
