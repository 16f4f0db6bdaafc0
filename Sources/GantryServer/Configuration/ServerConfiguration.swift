import Configuration
import Foundation
import GantryCore
import GantryStorage

/// Everything `gantry serve` can be told, with the defaults a single workshop needs.
///
/// Values are read through swift-configuration, so a key can come from a flag, a `GANTRY_…`
/// environment variable, or the YAML/JSON config file; `gantry.example.yaml` documents each key.
public struct ServerConfiguration: Sendable {
    /// `http.host`: the address to listen on. Loopback by default, so a first start exposes nothing;
    /// set `0.0.0.0` to serve the plant network.
    public var httpHost: String = "127.0.0.1"
    /// `http.port`: the HTTP port; `0` picks a free one (tests).
    public var httpPort: Int = 8080
    /// `http.maxBodyBytes`: larger request bodies are refused with 413 before they are read.
    public var maxBodyBytes: Int = 1 << 20
    /// `dataDir`: where the embedded database and later the telemetry files live.
    public var dataDirectory: String = "./gantry-data"
    /// `database.url`: `postgres://…` for PostgreSQL; unset for the embedded SQLite file in the data dir.
    public var databaseURL: String?
    /// `auth.tokenLifetimeSeconds`: how long a sign-in lasts; a shift (12 h) by default.
    public var tokenLifetimeSeconds: Int = 12 * 3600
    /// `auth.bcryptCost`: the bcrypt work factor for passwords and device secrets (4–31).
    public var bcryptCost: Int = 12
    /// `auth.loginMaxFailures`: failed sign-ins allowed per user name (and 4× per client) within the window.
    public var loginMaxFailures: Int = 5
    /// `auth.loginWindowSeconds`: the window over which failures count, and how long a lock lasts.
    public var loginWindowSeconds: Int = 300
    /// `admin.password` (`GANTRY_ADMIN_PASSWORD`): the first admin's password on an empty store;
    /// when unset, one is generated and printed once.
    public var adminPassword: String?
    /// `telemetry.database.url`: postgres://… puts telemetry on PostgreSQL; nil keeps the embedded engine in
    /// the data directory.
    public var telemetryDatabaseURL: String?
    /// Late samples are merged within this many seconds behind their tag's newest sample.
    public var telemetryOutOfOrderWindowSeconds: Int = 60
    /// Samples stamped further ahead of the server clock than this are refused (a wrong device clock).
    public var telemetryFutureBoundSeconds: Int = 300
    /// How long history is kept, as `PREFIX=DAYS` (longest prefix wins); none: kept for good.
    public var telemetryRetention: [String] = []
    /// How often the retention rules are applied.
    public var telemetryRetentionIntervalSeconds: Int = 3600
    /// The MQTT broker's TCP port; 0 turns the listener off.
    public var mqttPort: Int = 1883
    /// The address the MQTT broker listens on.
    public var mqttHost: String = "127.0.0.1"
    /// The port of MQTT over WebSocket (subprotocol `mqtt`) for browsers; 0 turns it off.
    public var mqttWebSocketPort: Int = 8083
    /// The HTTP path WebSocket clients connect to.
    public var mqttWebSocketPath: String = "/mqtt"
    /// Let clients without credentials into a sandbox broker that never reaches plant data.
    public var mqttAnonymous: Bool = false
    /// Gantry's Sparkplug host identifier: its STATE is published on `spBv1.0/STATE/<id>`.
    public var sparkplugHostID: String = "gantry"
    /// `console.chartLibrary`: the folder of the dygraphs charting library, as Debian's `libjs-dygraphs`
    /// installs it. Without it the console works and says that trend charts are missing.
    public var consoleChartLibrary: String = "/usr/share/javascript/dygraphs"
    /// `console.ganttLibrary`: the folder of the Chart.js charting library, as Debian's `libjs-chart.js`
    /// installs it. Without it the console works and says that the schedules' Gantt charts are missing.
    public var consoleGanttLibrary: String = "/usr/share/javascript/chart.js"
    /// Whether a device's first publish of an unknown tag inside its subtree creates the tag.
    public var ingestCreateTags: Bool = true
    /// Upper bound on the keep-alive MQTT clients may ask for, in seconds.
    public var mqttServerKeepAlive: Int = 60
    /// The largest MQTT packet accepted, in bytes.
    public var mqttMaximumPacketSize: Int = 1 << 20
    /// MQTT over TLS and secure WebSocket (`mqtt.tls.*`); off until a certificate is configured.
    public var mqttTLS = MQTTTLSSettings()
    /// `mqtt.broker`: `mqtt://[user[:password]@]host[:port]` (or `mqtts://…` over TLS) of an external broker
    /// to subscribe to instead of listening (external broker mode); nil or empty: the built-in broker.
    public var mqttBroker: String?
    /// `mqtt.brokerCA`: PEM file with the CA(s) the `mqtts://` broker's certificate must chain to; nil: the
    /// system's trust roots.
    public var mqttBrokerCA: String?
    /// `mqtt.brokerCertificate`: PEM file with the certificate (then intermediates) this node shows an
    /// `mqtts://` broker that asks for one (mutual TLS); set together with `mqttBrokerPrivateKey`.
    public var mqttBrokerCertificate: String?
    /// `mqtt.brokerPrivateKey`: PEM file with the key of `mqttBrokerCertificate`.
    public var mqttBrokerPrivateKey: String?
    /// `mqtt.brokerGroup`: the shared-subscription group the nodes of one deployment share the load in.
    public var mqttBrokerGroup: String = "gantry"
    /// `mqtt.brokerClientID`: this node's client id at the external broker; nil: `gantry-HOST-SUFFIX`,
    /// stable per host and data directory, so a restarted node resumes its session.
    public var mqttBrokerClientID: String?
    /// `mqtt.brokerRetryMaximumSeconds`: the longest wait between attempts to reach a lost external broker.
    /// Waits double from a quarter second up to this, so a broker that restarts is found again within it.
    public var mqttBrokerRetryMaximumSeconds: Int = 30
    /// `sparkplug.host`: whether this node is the Sparkplug host at an external broker; exactly one
    /// node of a deployment should be. The built-in broker always hosts.
    public var sparkplugHost: Bool = true

    /// `cameras.sources`: MJPEG cameras Gantry reads, each `EQUIPMENT CAMERA URL [AUTHORIZATION]`.
    public var cameraSources: [String] = []
    /// `control.*`: command time to live, lease inactivity, heartbeat interval, latency budget.
    public var controlSettings = ControlService.Settings()
    /// `scheduling.queueCapacity`, `scheduling.keptFinished`, `scheduling.workers`: how many solves wait beside
    /// the running one, how many finished ones are kept in memory, and the solver threads of a solve.
    public var scheduling = ScheduleLimits()

    public init() {}

    /// Reads every key from `config`, keeping the default where a key is absent.
    public init(config: ConfigReader) {
        let defaults = ServerConfiguration()
        httpHost = config.string(forKey: "http.host", default: defaults.httpHost)
        httpPort = config.int(forKey: "http.port", default: defaults.httpPort)
        maxBodyBytes = config.int(forKey: "http.maxBodyBytes", default: defaults.maxBodyBytes)
        dataDirectory = config.string(forKey: "dataDir", default: defaults.dataDirectory)
        databaseURL = config.string(forKey: "database.url", isSecret: true)
        tokenLifetimeSeconds = config.int(forKey: "auth.tokenLifetimeSeconds", default: defaults.tokenLifetimeSeconds)
        bcryptCost = config.int(forKey: "auth.bcryptCost", default: defaults.bcryptCost)
        loginMaxFailures = config.int(forKey: "auth.loginMaxFailures", default: defaults.loginMaxFailures)
        loginWindowSeconds = config.int(forKey: "auth.loginWindowSeconds", default: defaults.loginWindowSeconds)
        adminPassword = config.string(forKey: "admin.password", isSecret: true)
        telemetryDatabaseURL = config.string(forKey: "telemetry.database.url", isSecret: true)
        telemetryOutOfOrderWindowSeconds = config.int(
            forKey: "telemetry.outOfOrderWindowSeconds", default: defaults.telemetryOutOfOrderWindowSeconds)
        telemetryFutureBoundSeconds = config.int(
            forKey: "telemetry.futureBoundSeconds", default: defaults.telemetryFutureBoundSeconds)
        telemetryRetention = config.stringArray(forKey: "telemetry.retention", default: defaults.telemetryRetention)
        telemetryRetentionIntervalSeconds = config.int(
            forKey: "telemetry.retentionIntervalSeconds", default: defaults.telemetryRetentionIntervalSeconds)
        mqttPort = config.int(forKey: "mqtt.port", default: defaults.mqttPort)
        mqttHost = config.string(forKey: "mqtt.host", default: defaults.mqttHost)
        mqttWebSocketPort = config.int(forKey: "mqtt.webSocketPort", default: defaults.mqttWebSocketPort)
        mqttWebSocketPath = config.string(forKey: "mqtt.webSocketPath", default: defaults.mqttWebSocketPath)
        mqttAnonymous = config.bool(forKey: "mqtt.anonymous", default: defaults.mqttAnonymous)
        sparkplugHostID = config.string(forKey: "sparkplug.hostID", default: defaults.sparkplugHostID)
        consoleChartLibrary = config.string(forKey: "console.chartLibrary", default: defaults.consoleChartLibrary)
        consoleGanttLibrary = config.string(forKey: "console.ganttLibrary", default: defaults.consoleGanttLibrary)
        ingestCreateTags = config.bool(forKey: "ingest.createTags", default: defaults.ingestCreateTags)
        mqttServerKeepAlive = config.int(forKey: "mqtt.serverKeepAlive", default: defaults.mqttServerKeepAlive)
        mqttMaximumPacketSize = config.int(forKey: "mqtt.maximumPacketSize", default: defaults.mqttMaximumPacketSize)
        mqttTLS = MQTTTLSSettings(config: config)
        mqttBroker = config.string(forKey: "mqtt.broker", isSecret: true)
        // Empty counts as unset, as for `mqtt.broker`, so a blank environment variable turns a file off.
        mqttBrokerCA = config.string(forKey: "mqtt.brokerCA").flatMap { $0.isEmpty ? nil : $0 }
        mqttBrokerCertificate = config.string(forKey: "mqtt.brokerCertificate").flatMap { $0.isEmpty ? nil : $0 }
        mqttBrokerPrivateKey = config.string(forKey: "mqtt.brokerPrivateKey").flatMap { $0.isEmpty ? nil : $0 }
        mqttBrokerGroup = config.string(forKey: "mqtt.brokerGroup", default: defaults.mqttBrokerGroup)
        mqttBrokerClientID = config.string(forKey: "mqtt.brokerClientID")
        mqttBrokerRetryMaximumSeconds = config.int(
            forKey: "mqtt.brokerRetryMaximumSeconds", default: defaults.mqttBrokerRetryMaximumSeconds)
        sparkplugHost = config.bool(forKey: "sparkplug.host", default: defaults.sparkplugHost)
        cameraSources = config.stringArray(forKey: "cameras.sources", default: defaults.cameraSources)
        let control = defaults.controlSettings
        controlSettings.defaultTimeToLiveMilliseconds = Int64(
            config.int(forKey: "control.defaultTTLMs", default: Int(control.defaultTimeToLiveMilliseconds)))
        controlSettings.leaseInactivityMilliseconds = Int64(
            config.int(forKey: "control.leaseInactivityMs", default: Int(control.leaseInactivityMilliseconds)))
        controlSettings.heartbeatIntervalMilliseconds = Int64(
            config.int(forKey: "control.heartbeatIntervalMs", default: Int(control.heartbeatIntervalMilliseconds)))
        controlSettings.latencyBudgetMilliseconds = Int64(
            config.int(forKey: "control.latencyBudgetMs", default: Int(control.latencyBudgetMilliseconds)))
        scheduling.queueCapacity = config.int(
            forKey: "scheduling.queueCapacity", default: defaults.scheduling.queueCapacity)
        scheduling.keptFinished = config.int(
            forKey: "scheduling.keptFinished", default: defaults.scheduling.keptFinished)
        scheduling.workers = config.int(forKey: "scheduling.workers", default: defaults.scheduling.workers)
    }

    /// Checks ranges that would otherwise fail late or silently.
    public func validated() throws(ConfigurationError) -> ServerConfiguration {
        guard (0...65535).contains(httpPort) else { throw ConfigurationError("http.port \(httpPort) is not 0-65535") }
        guard (0...65535).contains(mqttPort) else { throw ConfigurationError("mqtt.port \(mqttPort) is not 0-65535") }
        guard !sparkplugHostID.isEmpty, !sparkplugHostID.contains(where: { "/+#".contains($0) }) else {
            throw ConfigurationError("sparkplug.hostID must be non-empty and hold no '/', '+' or '#'")
        }
        guard (0...65535).contains(mqttWebSocketPort) else {
            throw ConfigurationError("mqtt.webSocketPort \(mqttWebSocketPort) is not 0-65535")
        }
        guard mqttWebSocketPath.hasPrefix("/") else {
            throw ConfigurationError("mqtt.webSocketPath must start with '/'")
        }
        guard (1...65535).contains(mqttServerKeepAlive) else {
            throw ConfigurationError("mqtt.serverKeepAlive must be 1-65535 seconds")
        }
        guard (64...268_435_460).contains(mqttMaximumPacketSize) else {
            throw ConfigurationError("mqtt.maximumPacketSize must be 64-268435460 bytes")
        }
        try mqttTLS.validate()
        for source in cameraSources { _ = try CameraSource(source) }
        guard maxBodyBytes >= 1024 else { throw ConfigurationError("http.maxBodyBytes must be at least 1024") }
        guard (1...100).contains(scheduling.queueCapacity), (1...10_000).contains(scheduling.keptFinished),
            (1...64).contains(scheduling.workers)
        else {
            throw ConfigurationError(
                "scheduling.queueCapacity must be 1-100, scheduling.keptFinished 1-10000 and scheduling.workers 1-64")
        }
        guard (4...31).contains(bcryptCost) else { throw ConfigurationError("auth.bcryptCost must be 4-31") }
        guard tokenLifetimeSeconds >= 60 else {
            throw ConfigurationError("auth.tokenLifetimeSeconds must be at least 60")
        }
        guard loginMaxFailures >= 1, loginWindowSeconds >= 1 else {
            throw ConfigurationError("auth.loginMaxFailures and auth.loginWindowSeconds must be positive")
        }
        guard telemetryOutOfOrderWindowSeconds >= 0, telemetryFutureBoundSeconds >= 0 else {
            throw ConfigurationError(
                "telemetry.outOfOrderWindowSeconds and telemetry.futureBoundSeconds must not be negative")
        }
        guard telemetryRetentionIntervalSeconds >= 1 else {
            throw ConfigurationError("telemetry.retentionIntervalSeconds must be positive")
        }
        if let url = telemetryDatabaseURL, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw ConfigurationError("telemetry.database.url must be a postgres:// URL")
        }
        _ = try retentionRules()
        try validateExternalBroker()
        return self
    }

    /// The retention rules `telemetry.retention` names, as `PREFIX=DAYS`.
    public func retentionRules() throws(ConfigurationError) -> [RetentionRule] {
        var rules: [RetentionRule] = []
        for text in telemetryRetention {
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let days = Double(parts[1].trimmingCharacters(in: .whitespaces)), days > 0,
                (try? AssetPath(parts[0].trimmingCharacters(in: .whitespaces))) != nil
            else {
                throw ConfigurationError(
                    "telemetry.retention entry '\(text)' must be PREFIX=DAYS, as in acme/plant-1/vibration=30")
            }
            rules.append(
                RetentionRule(
                    prefix: parts[0].trimmingCharacters(in: .whitespaces), keep: Int64(days * 86_400_000)))
        }
        return rules
    }
}

/// A configuration value that cannot work; the message names the key.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
