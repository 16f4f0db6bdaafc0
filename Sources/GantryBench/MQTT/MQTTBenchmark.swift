import Foundation
import GantryMQTT
import NIOCore
import NIOPosix

/// `gantry bench mqtt`: Gantry's broker against Mosquitto, each in its own process on loopback,
/// driven by one load generator in this process; then end-to-end ingest into `gantry serve`.
public enum MQTTBenchmark {
    public struct Options: Sendable {
        /// The `gantry` executable: `gantry broker` and `gantry serve` are started from it.
        public var gantry: String
        public var mosquitto: String
        /// Deliveries per fan-in and fan-out scenario (one-to-one runs half).
        public var deliveries: Int
        public var idleConnections: Int
        public var ingestSamples: Int
        public var ingestTags: Int
        public var version: ProtocolVersion
        /// Where logs and data go.
        public var directory: String
        /// The scenarios to run by `MQTTScenario.key` (`fan-in-qos1`); nil runs all.
        public var scenarios: Set<String>?

        public init(
            gantry: String, mosquitto: String, deliveries: Int, idleConnections: Int, ingestSamples: Int,
            ingestTags: Int, version: ProtocolVersion, directory: String, scenarios: Set<String>? = nil
        ) {
            self.gantry = gantry
            self.mosquitto = mosquitto
            self.deliveries = deliveries
            self.idleConnections = idleConnections
            self.ingestSamples = ingestSamples
            self.ingestTags = ingestTags
            self.version = version
            self.directory = directory
            self.scenarios = scenarios
        }
    }

    public struct Summary: Sendable {
        public var scenarios: [MQTTScenarioResult] = []
        public var idle: [IdleConnectionsResult] = []
        public var ingest: MQTTIngestResult?
        /// Over the fan-in scenarios where both brokers delivered everything, the lower of Gantry's rate ÷ Mosquitto's.
        public var throughputRatio: Double = 0
        /// Over the same scenarios, the lower of Mosquitto's p99 ÷ Gantry's.
        public var p99Ratio: Double = 0
    }

    /// Mosquitto's `max_queued_messages` in the run: above any scenario's deliveries.
    static let mosquittoQueueBound = 10_000_000

    public static func run(_ options: Options, print: @escaping (String) -> Void) async throws -> Summary {
        let group = MultiThreadedEventLoopGroup.singleton
        var summary = Summary()
        let gantryPort = try await freeLoopbackPort()
        let mosquittoPort = try await freeLoopbackPort()
        let config = options.directory + "/mosquitto.conf"
        // Debian's defaults, but for the queue bound. Mosquitto reads one packet per socket per pass of its
        // loop, so in QoS 1 fan-in the subscriber's PUBACKs are read at a sixteenth of the rate the
        // publishes come in, and unacknowledged deliveries pile up far beyond the subscriber's Receive
        // Maximum: with a bound of 10 000 (or Debian's 1 000) it dropped a quarter of them, and a run with
        // drops measures nothing. A bound no run reaches lets it deliver everything, as Gantry does.
        try
            "listener \(mosquittoPort) 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages \(Self.mosquittoQueueBound)\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        print(
            "brokers: gantry (\(options.gantry) broker) on \(gantryPort), mosquitto (\(options.mosquitto)) on \(mosquittoPort)"
        )
        let gantry = try await BrokerProcess(
            name: "gantry", executable: options.gantry, arguments: ["broker", "--port", "\(gantryPort)"],
            port: gantryPort, log: options.directory + "/gantry-broker.log")
        let mosquitto: BrokerProcess
        do {
            mosquitto = try await BrokerProcess(
                name: "mosquitto", executable: options.mosquitto, arguments: ["-c", config], port: mosquittoPort,
                log: options.directory + "/mosquitto.log")
        } catch {
            await gantry.stop()
            throw error
        }
        do {
            let brokers = [gantry, mosquitto]
            if options.idleConnections > 0 {
                print("\nidle connections: \(options.idleConnections) per broker, keep-alive 600 s")
                for broker in brokers {
                    let result = try await IdleConnections.measure(
                        broker, count: options.idleConnections, version: options.version, group: group)
                    summary.idle.append(result)
                    print(
                        "  \(broker.name): RSS \(result.residentBeforeKiB) KiB → \(result.residentAfterKiB) KiB, "
                            + String(format: "%.2f KiB per connection", result.kibPerConnection))
                }
            }
            print("\nload: MQTT \(options.version), payload \(MQTTLoadRunner.payloadSize) B")
            print("| scenario | broker | delivered/s | p50 | p99 | max | delivered | broker CPU s |")
            print("|---|---|---|---|---|---|---|---|")
            for scenario in MQTTScenario.standard(deliveries: options.deliveries)
            where options.scenarios?.contains(scenario.key) ?? true {
                for broker in brokers {
                    for quiet in brokers { try await quiet.waitUntilQuiet() }
                    let result = try await MQTTLoadRunner.run(
                        scenario, broker: broker.name, port: broker.port, version: options.version, group: group,
                        brokerCPU: { broker.cpuSeconds })
                    summary.scenarios.append(result)
                    print(row(result))
                }
            }
        } catch {
            await gantry.stop()
            await mosquitto.stop()
            throw error
        }
        await gantry.stop()
        await mosquitto.stop()
        let fanIn = MQTTScenario.Shape.fanIn
        var throughput: [Double] = []
        var p99: [Double] = []
        for qos in [QoS.atMostOnce, .atLeastOnce] {
            let pair = summary.scenarios.filter { $0.scenario.shape == fanIn && $0.scenario.qos == qos }
            guard let ours = pair.first(where: { $0.broker == "gantry" }),
                let theirs = pair.first(where: { $0.broker == "mosquitto" })
            else { continue }
            // A broker that dropped deliveries ran a different workload: its rate and p99 compare with nothing.
            guard ours.delivered == ours.expected, theirs.delivered == theirs.expected else {
                print("note: fan-in QoS \(qos.rawValue) left out of the ratio: a broker dropped deliveries")
                continue
            }
            throughput.append(theirs.rate > 0 ? ours.rate / theirs.rate : 0)
            p99.append(Double(theirs.p99Microseconds) / Double(max(1, ours.p99Microseconds)))
        }
        summary.throughputRatio = throughput.min() ?? 0
        summary.p99Ratio = p99.min() ?? 0

        if options.ingestSamples > 0 {
            summary.ingest = try await ingest(options, group: group, print: print)
        }
        print("")
        print(String(format: "ratio throughput=%.2f p99=%.2f", summary.throughputRatio, summary.p99Ratio))
        print("summary " + json(summary))
        return summary
    }

    private static func ingest(
        _ options: Options, group: any EventLoopGroup, print: (String) -> Void
    ) async throws -> MQTTIngestResult {
        let httpPort = try await freeLoopbackPort()
        let mqttPort = try await freeLoopbackPort()
        let password = "bench-admin-\(UInt32.random(in: 0...UInt32.max))"
        // A fresh platform each run: one left in a reused `--directory` keeps the admin of an earlier run, whose
        // password this run does not know.
        let dataDirectory = options.directory + "/data"
        try? FileManager.default.removeItem(atPath: dataDirectory)
        let server = try await BrokerProcess(
            name: "gantry serve", executable: options.gantry,
            arguments: [
                "serve", "--data-dir", dataDirectory, "--http-port", "\(httpPort)", "--mqtt-port",
                "\(mqttPort)", "--log-level", "warning",
            ],
            port: httpPort, environment: ["GANTRY_ADMIN_PASSWORD": password], log: options.directory + "/serve.log")
        do {
            print(
                "\nend-to-end ingest: \(options.ingestSamples) QoS 1 samples over \(options.ingestTags) tags into `gantry serve`"
            )
            let result = try await MQTTIngestBench.run(
                httpPort: httpPort, mqttPort: mqttPort, adminPassword: password, samples: options.ingestSamples,
                tags: options.ingestTags, connections: 4, window: 256, group: group)
            await server.stop()
            print(
                String(
                    format:
                        "  %d acknowledged (%d refused) in %.2f s: %.0f samples/s; latest value back for %d of %d tags",
                    result.acknowledged, result.refused, result.seconds, result.samplesPerSecond,
                    result.tagsWithValues, result.tags))
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    static func row(_ result: MQTTScenarioResult) -> String {
        let lost = result.delivered < result.expected ? " (of \(result.expected))" : ""
        return "| \(result.scenario.name) | \(result.broker) | \(String(format: "%.0f", result.rate)) | "
            + "\(milliseconds(result.p50Microseconds)) | \(milliseconds(result.p99Microseconds)) | "
            + "\(milliseconds(result.maxMicroseconds)) | \(result.delivered)\(lost) | "
            + String(format: "%.1f", result.brokerCPUSeconds) + " |"
    }

    static func milliseconds(_ microseconds: UInt64) -> String {
        String(format: "%.2f ms", Double(microseconds) / 1000)
    }

    /// One line of JSON with every figure, for scripts.
    static func json(_ summary: Summary) -> String {
        var object: [String: Any] = [
            "ratio": ["throughput": summary.throughputRatio, "p99": summary.p99Ratio],
            "scenarios": summary.scenarios.map { result -> [String: Any] in
                [
                    "scenario": result.scenario.name, "broker": result.broker, "rate": result.rate,
                    "p50_us": result.p50Microseconds, "p99_us": result.p99Microseconds,
                    "max_us": result.maxMicroseconds, "delivered": result.delivered, "expected": result.expected,
                    "broker_cpu_s": result.brokerCPUSeconds, "refused": result.refused,
                    "unexpected": result.unexpected,
                ]
            },
            "idle": summary.idle.map { result -> [String: Any] in
                [
                    "broker": result.broker, "connections": result.connections,
                    "rss_before_kib": result.residentBeforeKiB, "rss_after_kib": result.residentAfterKiB,
                    "kib_per_connection": result.kibPerConnection,
                ]
            },
        ]
        if let ingest = summary.ingest {
            object["ingest"] = [
                "samples": ingest.samples, "acknowledged": ingest.acknowledged, "refused": ingest.refused,
                "seconds": ingest.seconds, "samples_per_s": ingest.samplesPerSecond,
                "tags_with_values": ingest.tagsWithValues, "tags": ingest.tags,
            ]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
