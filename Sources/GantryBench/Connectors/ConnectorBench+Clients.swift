import Foundation
import GantryConnectors
import GantryCore
import Histogram
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

extension ConnectorBench {
    /// Gantry's Modbus client reading input registers 0–5 (FC4) back to back for `seconds`.
    static func pollWithGantry(port: Int, seconds: Double, logger: Logger) async throws -> PollRate {
        let client = try await ModbusClient.connect(
            host: "127.0.0.1", port: port, options: .init(timeout: .seconds(2)), logger: logger)
        var latencies = Histogram<UInt64>(highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .three)
        var polls = 0
        var errors = 0
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .milliseconds(Int64(seconds * 1000))
        while clock.now < end {
            let sent = clock.now
            do {
                _ = try await client.perform(.read(.inputRegister, address: 0, count: 6), unit: 1)
                polls += 1
                latencies.record(microseconds(clock.now - sent))
            } catch {
                errors += 1
            }
        }
        let elapsed = clock.now - start
        await client.close()
        return PollRate(
            polls: polls, seconds: Double(microseconds(elapsed)) / 1e6, errors: errors,
            p50Microseconds: latencies.valueAtPercentile(50), p99Microseconds: latencies.valueAtPercentile(99))
    }

    /// pymodbus's asyncio client doing the same (`scripts/bench/modbus_poll_rate.py`).
    static func pollWithPymodbus(_ options: Options, port: Int) async throws -> PollRate {
        let line = try runPython(options.scripts + "/modbus_poll_rate.py", ["\(port)", "\(options.seconds)", "1"])
        let fields = line.split(separator: " ")
        guard fields.count == 6, let polls = Int(fields[1]), let seconds = Double(fields[3]),
            let errors = Int(fields[5])
        else { throw BenchError("modbus_poll_rate.py printed '\(line)'") }
        return PollRate(polls: polls, seconds: seconds, errors: errors, p50Microseconds: nil, p99Microseconds: nil)
    }

    /// Gantry's OPC UA connector: notifications delivered per second, after a second of warm-up.
    static func notificationsWithGantry(
        _ configuration: OPCUAConnectorConfiguration, seconds: Double, logger: Logger
    ) async throws -> Double {
        let sink = BenchSink()
        let connector = try OPCUAConnector(configuration: configuration, sink: sink, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await connector.run() }
            defer { tasks.cancelAll() }
            try await sink.waitForGoodReading(after: 0)
            try await Task.sleep(for: .seconds(1))
            let before = sink.readings
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            return Double(sink.readings - before) / seconds
        }
    }

    /// asyncua's client subscribed the same way (`scripts/bench/opcua_notification_rate.py`).
    static func notificationsWithAsyncua(_ options: Options, endpoint: String, nodes: [String]) async throws -> Double {
        let line = try runPython(
            options.scripts + "/opcua_notification_rate.py", [endpoint, "\(options.seconds)", "10", "0"] + nodes)
        let fields = line.split(separator: " ")
        guard fields.count == 4, let count = Double(fields[1]), let seconds = Double(fields[3]), seconds > 0 else {
            throw BenchError("opcua_notification_rate.py printed '\(line)'")
        }
        return count / seconds
    }

    /// Runs a baseline script to its end and returns its last line.
    static func runPython(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(script) exited with \(process.terminationStatus); is its Python package installed?")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let parts = duration.components
        return UInt64(max(0, parts.seconds * 1_000_000 + parts.attoseconds / 1_000_000_000_000))
    }

    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        guard let port = channel.localAddress?.port else { throw BenchError("no free port") }
        return port
    }
}
