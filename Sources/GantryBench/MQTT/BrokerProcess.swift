import Foundation
import NIOCore
import NIOPosix

/// A server the MQTT benchmark runs as a child process on loopback (Gantry's broker, Mosquitto,
/// `gantry serve`), so each gets its own CPU time and its memory can be read from `/proc`.
public final class BrokerProcess: Sendable {
    public let name: String
    public let port: Int
    private let process: Process

    /// Starts `executable` and waits until `port` accepts TCP connections.
    public init(
        name: String, executable: String, arguments: [String], port: Int, environment: [String: String] = [:],
        log: String? = nil
    ) async throws {
        self.name = name
        self.port = port
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let log {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = FileHandle(forWritingAtPath: log)
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        self.process = process
        for _ in 0..<600 {
            guard process.isRunning else {
                throw BenchError("\(name) exited with status \(process.terminationStatus) before listening on \(port)")
            }
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            {
                try? await channel.close()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw BenchError("\(name) did not listen on port \(port) within 30 s")
    }

    public var processID: Int32 { process.processIdentifier }

    /// Resident memory of the process in KiB (`VmRSS` in `/proc/PID/status`).
    public var residentKiB: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(processID)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// User plus system CPU time the process has used, in seconds (`/proc/PID/stat`).
    public var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        // After the command: state is field 3, utime field 14, stime field 15 (1-based, man 5 proc).
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Waits (at most `limit`) until the process uses at most a tenth of a core (one 10 ms clock tick in 100 ms).
    ///
    /// A broker may go on working after a scenario's last delivery (Mosquitto spends most of a second after
    /// QoS 1 fan-in), and a scenario measured meanwhile shares the cores with it; so each scenario starts once
    /// both brokers are quiet. Returns the seconds waited.
    @discardableResult
    public func waitUntilQuiet(limit: Duration = .seconds(10)) async throws -> Double {
        let start = ContinuousClock.now
        var before = cpuSeconds
        while ContinuousClock.now - start < limit {
            try await Task.sleep(for: .milliseconds(100))
            let now = cpuSeconds
            if now - before < 0.015 { break }
            before = now
        }
        let waited = ContinuousClock.now - start
        return Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
    }

    /// Kills the process and waits for it. SIGKILL, because a child of a Swift process may
    /// inherit a signal mask that blocks SIGTERM (Mosquitto never unblocks it), and nothing a
    /// benchmark's server holds needs a graceful end.
    public func stop() async {
        guard process.isRunning else { return }
        kill(processID, SIGKILL)
        process.waitUntilExit()
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
public func freeLoopbackPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    defer { channel.close(promise: nil) }
    guard let port = channel.localAddress?.port else { throw BenchError("could not find a free port") }
    return port
}

/// A benchmark that could not run, with what to do about it.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
