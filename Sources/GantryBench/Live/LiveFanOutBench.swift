import Foundation
import GantryMQTT
import Histogram
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// `gantry bench live`: how late a stored sample reaches many WebSocket subscribers of `/api/v1/live`.
///
/// A device publishes over MQTT (QoS 1) into a `gantry serve` of its own; every value is the publisher's
/// monotonic clock in microseconds, so a subscriber in this same process reads its latency off the value:
/// receive time minus value. That covers the whole road: MQTT, ingest, the durable append, the live bus, JSON
/// and the WebSocket. Subscribers read every frame as it comes.
public enum LiveFanOutBench {
    public struct Options: Sendable {
        public var gantry: String
        public var subscribers: Int
        public var samples: Int
        /// Samples published per second, spread evenly.
        public var rate: Int
        public var directory: String

        public init(gantry: String, subscribers: Int, samples: Int, rate: Int, directory: String) {
            self.gantry = gantry
            self.subscribers = subscribers
            self.samples = samples
            self.rate = rate
            self.directory = directory
        }
    }

    public struct Result: Sendable {
        public var subscribers: Int
        public var samples: Int
        public var delivered: Int
        public var expected: Int
        public var p50Microseconds: UInt64
        public var p99Microseconds: UInt64
        public var maxMicroseconds: UInt64
        /// Server CPU seconds while publishing.
        public var serverCPUSeconds: Double
    }

    static let asset = "acme/plant1/line1/press-7"
    static let tags = 10

    public static func run(_ options: Options, print: @escaping @Sendable (String) -> Void) async throws -> Result {
        let httpPort = try await freeLoopbackPort()
        let mqttPort = try await freeLoopbackPort()
        let password = "bench-admin-\(UInt32.random(in: 0...UInt32.max))"
        let dataDirectory = options.directory + "/live-data"
        try? FileManager.default.removeItem(atPath: dataDirectory)
        let server = try await BrokerProcess(
            name: "gantry serve", executable: options.gantry,
            arguments: [
                "serve", "--data-dir", dataDirectory, "--http-port", "\(httpPort)", "--mqtt-port", "\(mqttPort)",
                "--mqtt-ws-port", "0", "--log-level", "warning",
            ],
            port: httpPort, environment: ["GANTRY_ADMIN_PASSWORD": password], log: options.directory + "/live.log")
        do {
            let result = try await measure(
                options, httpPort: httpPort, mqttPort: mqttPort, password: password,
                server: server, print: print)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func measure(
        _ options: Options, httpPort: Int, mqttPort: Int, password: String, server: BrokerProcess,
        print: @escaping @Sendable (String) -> Void
    ) async throws -> Result {
        let http = HTTP(base: "http://127.0.0.1:\(httpPort)")
        let login = try await http.send("POST", "/api/v1/auth/login", ["username": "admin", "password": password])
        guard let token = login["token"] as? String else { throw BenchError("login answered no token: \(login)") }
        http.token = token
        for asset in MQTTIngestBench.assets {
            _ = try await http.send("POST", "/api/v1/assets", ["path": asset, "name": asset])
        }
        let device = try await http.send("POST", "/api/v1/devices", ["name": "press-7-plc", "assetPath": asset])
        guard let secret = device["password"] as? String else { throw BenchError("no device password: \(device)") }
        let publisher = try await MQTTClient.connect(
            port: mqttPort,
            configuration: MQTTClientConfiguration(
                clientID: "live-bench", username: "acme.press-7-plc", password: Array(secret.utf8)))
        for tag in 0..<tags {
            try await publisher.publish(to: "\(asset)/t\(tag)", payload: ByteBuffer(string: "0"), qos: .atLeastOnce)
        }

        let board = LatencyBoard(subscribers: options.subscribers)
        let expected = options.samples * options.subscribers
        print("live: \(options.subscribers) subscribers, \(options.samples) samples at \(options.rate)/s")
        let result = try await withThrowingTaskGroup(of: Void.self) { tasks -> Result in
            for index in 0..<options.subscribers {
                tasks.addTask { try await subscribe(index, port: httpPort, token: token, board: board) }
            }
            // Every subscriber must have its subscription in force before the first sample.
            for _ in 0..<3000 where board.subscribed.load(ordering: .relaxed) < options.subscribers {
                try await Task.sleep(for: .milliseconds(10))
            }
            guard board.subscribed.load(ordering: .relaxed) == options.subscribers else {
                throw BenchError("only \(board.subscribed.load(ordering: .relaxed)) subscribers were ready within 30 s")
            }
            print("  subscribed; publishing")
            let cpuBefore = server.cpuSeconds
            let interval = Duration.nanoseconds(1_000_000_000 / max(1, options.rate))
            var next = ContinuousClock.now
            for sample in 0..<options.samples {
                next += interval
                try await Task.sleep(until: next)
                let sent = Double(NIODeadline.now().uptimeNanoseconds / 1000)
                _ = publisher.publish(
                    PublishPacket(
                        topic: "\(asset)/t\(sample % tags)", payload: ByteBuffer(string: String(format: "%.0f", sent)),
                        qos: .atLeastOnce))
            }
            // Wait for the last deliveries (bounded: 10 s without progress ends the run).
            var last = -1
            var idle = 0
            while board.delivered.load(ordering: .relaxed) < expected, idle < 1000 {
                try await Task.sleep(for: .milliseconds(10))
                let now = board.delivered.load(ordering: .relaxed)
                idle = now == last ? idle + 1 : 0
                last = now
            }
            let cpu = server.cpuSeconds - cpuBefore
            tasks.cancelAll()
            let histogram = board.merged()
            return Result(
                subscribers: options.subscribers, samples: options.samples,
                delivered: board.delivered.load(ordering: .relaxed), expected: expected,
                p50Microseconds: histogram.valueAtPercentile(50), p99Microseconds: histogram.valueAtPercentile(99),
                maxMicroseconds: histogram.max, serverCPUSeconds: cpu)
        }
        await publisher.disconnect()
        return result
    }

    /// One subscriber: subscribes to the press's tags and records each value's age until cancelled.
    private static func subscribe(_ index: Int, port: Int, token: String, board: LatencyBoard) async throws {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = [.authorization: "Bearer \(token)"]
        configuration.maxFrameSize = 1 << 20
        var logger = Logger(label: "live-bench")
        logger.logLevel = .critical
        _ = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/api/v1/live", configuration: configuration, logger: logger
        ) { inbound, outbound, _ in
            try await outbound.write(.text(#"{"subscribe":{"tags":["\#(asset)/+"]}}"#))
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case .text(let text) = message else { continue }
                let now = NIODeadline.now().uptimeNanoseconds / 1000
                if text.contains(#""type":"subscribed""#) {
                    board.subscribed.add(1, ordering: .relaxed)
                    continue
                }
                board.record(sentTimes(in: text), at: now, by: index)
            }
        }
    }

    /// The `"value":N` numbers of an update frame, without a JSON parser: the generator shares the cores with
    /// the server, and a parser per frame per subscriber would cost it more than the server spends.
    static func sentTimes(in frame: String) -> [UInt64] {
        var found: [UInt64] = []
        var rest = Substring(frame)
        while let range = rest.range(of: #""value":"#) {
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isNumber || $0 == "." || $0 == "e" || $0 == "+" }
            if let value = Double(digits) { found.append(UInt64(value)) }
        }
        return found
    }
}

/// What the subscribers have seen, shared across their tasks: a histogram per subscriber, so they never
/// wait for each other, merged at the end.
final class LatencyBoard: Sendable {
    let subscribed = Atomic<Int>(0)
    let delivered = Atomic<Int>(0)
    private let histograms: [Slot]

    final class Slot: Sendable {
        let histogram = Mutex(
            Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three))
    }

    init(subscribers: Int) {
        histograms = (0..<subscribers).map { _ in Slot() }
    }

    /// Records the ages of values sent at `sent` (microseconds of the monotonic clock), received at `now`.
    func record(_ sent: [UInt64], at now: UInt64, by subscriber: Int) {
        histograms[subscriber].histogram.withLock { histogram in
            for time in sent where time > 0 { histogram.record(now > time ? now - time : UInt64(0)) }
        }
        delivered.add(sent.count, ordering: .relaxed)
    }

    func merged() -> Histogram<UInt64> {
        var all = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for part in histograms { all.add(part.histogram.withLock { $0 }) }
        return all
    }
}
