import ArgumentParser
import Foundation
import GantryBench
import GantryMQTT
import GantryStorage
import Logging

/// `gantry bench …`: measurements that run Gantry and the usual alternative side by side.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure Gantry against the usual alternatives.",
        subcommands: [
            Storage.self, MQTT.self, Alarms.self, Live.self, Control.self, Video.self, Connectors.self, Schedule.self,
        ])

    /// `gantry bench storage`.
    struct Storage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest, disk use and queries of the telemetry store against SQLite (and PostgreSQL).")

        @Option(help: "Samples in the workload (1 Hz, spread over the tags).")
        var samples = 10_000_000

        @Option(help: "Tags in the workload.")
        var tags = 1000

        @Option(help: "Concurrent writers appending batches.")
        var writers = 4

        @Option(help: "Seconds of each writer's tags per batch.")
        var batchSeconds = 10

        @Option(help: "Also bench Gantry's PostgreSQL backend on this server (postgres://…).")
        var postgres: String?

        @Option(help: "Where the NAB recorded series are (their data/ folder's parent).")
        var recorded = "../shared/data/nab"

        @Option(help: "Working directory for the engines' files (a fresh temporary one by default).")
        var directory: String?

        @Option(help: "Engines to run, comma-separated: gantry, sqlite, postgres (needs --postgres).")
        var engines = "gantry,sqlite,postgres"

        @Flag(help: "Skip the year-long tag (31.5 million samples per engine).")
        var skipYear = false

        func run() async throws {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let root = directory ?? NSTemporaryDirectory() + "gantry-bench-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
            print("generating \(samples) samples over \(tags) tags (\(writers) writers, \(batchSeconds) s per batch)")
            let workload = try StorageWorkload.generate(
                samples: samples, tagCount: tags, writerCount: writers, batchSeconds: batchSeconds, now: now,
                recordedDirectory: recorded)
            let chosen = Set(self.engines.split(separator: ",").map(String.init))
            var engines: [(name: String, open: @Sendable () async throws -> any BenchEngine)] = []
            engines.append(
                (
                    "gantry",
                    {
                        let path = root + "/gantry"
                        let store = try await EmbeddedTelemetryStore.open(
                            EmbeddedTelemetryConfiguration(directory: path))
                        return StoreEngine(name: "gantry", store: store) { directorySize(path) }
                    }
                ))
            engines.append(
                (
                    "sqlite",
                    {
                        try FileManager.default.createDirectory(
                            atPath: root + "/sqlite", withIntermediateDirectories: true)
                        return try SQLiteBaseline(path: root + "/sqlite/samples.sqlite")
                    }
                ))
            var postgresDatabase: PostgresBenchDatabase?
            if let postgres, chosen.contains("postgres") {
                let database = try await PostgresBenchDatabase.create(serverURL: postgres)
                postgresDatabase = database
                engines.append(
                    (
                        "postgres",
                        {
                            let store = try await PostgresTelemetryStore.open(
                                url: database.url, logger: Logger(label: "bench"))
                            return StoreEngine(name: "postgres", store: store) { try await database.telemetryBytes() }
                        }
                    ))
            }
            engines.removeAll { !chosen.contains($0.name) }
            do {
                _ = try await StorageBenchmark.run(
                    workload: workload, yearTag: !skipYear, now: now, engines: engines, print: { print($0) })
            } catch {
                try? await postgresDatabase?.drop()
                throw error
            }
            try await postgresDatabase?.drop()
        }
    }

    /// `gantry bench mqtt`.
    struct MQTT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gantry's MQTT broker against Mosquitto (throughput, latency, idle memory), then MQTT ingest.")

        @Option(help: "The Mosquitto executable.")
        var mosquitto = "/usr/sbin/mosquitto"

        @Option(help: "Deliveries per fan-in and fan-out scenario (one-to-one runs half).")
        var messages = 400_000

        @Option(help: "Idle connections opened to each broker (0 skips).")
        var idleConnections = 10_000

        @Option(help: "QoS 1 samples published into `gantry serve` (0 skips).")
        var ingestSamples = 200_000

        @Option(help: "Tags the ingest samples spread over.")
        var ingestTags = 100

        @Option(help: "MQTT version of the load: 3.1.1 or 5.")
        var mqttVersion = "5"

        @Option(help: "Working directory for logs and data (a fresh temporary one by default).")
        var directory: String?

        @Option(help: "Only these scenarios, comma-separated, e.g. fan-in-qos1,fan-out-qos0 (all by default).")
        var scenarios: String?

        func run() async throws {
            guard FileManager.default.isExecutableFile(atPath: mosquitto) else {
                throw ValidationError("no Mosquitto at \(mosquitto): `apt-get install mosquitto` or pass --mosquitto")
            }
            let version: GantryMQTT.ProtocolVersion = mqttVersion.hasPrefix("3") ? .v311 : .v5
            let root = directory ?? NSTemporaryDirectory() + "gantry-bench-mqtt-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
            // The broker runs as `gantry broker` from this very executable.
            let gantry =
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            _ = try await MQTTBenchmark.run(
                MQTTBenchmark.Options(
                    gantry: gantry, mosquitto: mosquitto, deliveries: messages, idleConnections: idleConnections,
                    ingestSamples: ingestSamples, ingestTags: ingestTags, version: version, directory: root,
                    scenarios: scenarios.map { Set($0.split(separator: ",").map(String.init)) }),
                // Unbuffered, so each line shows as it comes also when standard output is a file.
                print: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        }
    }

    /// `gantry bench alarms`.
    struct Alarms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Alarm rule evaluation on one thread: samples per second through an evaluator.")

        @Option(help: "Samples fed through the evaluator (each tag at 1 Hz).")
        var samples = 10_000_000

        @Option(help: "Alarm rules loaded (mostly limit rules, some rate-of-change, deviation, expression).")
        var rules = 10_000

        @Option(help: "Tags the samples and rules spread over (as many as rules by default).")
        var tags: Int?

        func run() async throws {
            guard samples > 0, rules > 0 else { throw ValidationError("--samples and --rules must be above 0") }
            _ = try AlarmBenchmark.run(
                samples: samples, rules: rules, tags: max(tags ?? rules, 2),
                print: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        }
    }
}
