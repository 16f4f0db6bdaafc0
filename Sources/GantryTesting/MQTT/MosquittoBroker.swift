import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A real Mosquitto on a loopback port for the length of a test: the reference broker Gantry's client
/// must work against as well as against Gantry's own, and the external broker of external broker mode.
///
/// It can be stopped (SIGKILL, as a crash) and started again on the same port, to test reconnecting.
public final class MosquittoBroker: Sendable {
    public let port: Int
    let executable: String
    let configFile: String
    /// Whether the listener speaks plain MQTT, so that readiness can be an MQTT handshake (not with TLS).
    let plain: Bool
    private let process = Mutex<Process?>(nil)

    /// Where Debian puts the broker; `PATH` is searched after it.
    static let candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"]

    private init(port: Int, executable: String, configFile: String, plain: Bool) {
        self.port = port
        self.executable = executable
        self.configFile = configFile
        self.plain = plain
    }

    /// Starts `mosquitto` (anonymous access, persistence off) on `port` or a free one, runs `body`, stops it.
    ///
    /// - Parameters:
    ///   - tls: makes the listener MQTT over TLS with these files (an external broker at `mqtts://`).
    ///   - started: false leaves it stopped until `start()` (a broker that is not there yet).
    /// - Throws: `TestSetupError` when the binary is missing (install Debian's `mosquitto`) or does not start.
    public static func with<Result: Sendable>(
        port: Int? = nil, tls: TLS? = nil, started: Bool = true, _ body: (MosquittoBroker) async throws -> Result
    ) async throws -> Result {
        guard let executable = findExecutable() else {
            throw TestSetupError(
                "mosquitto is not installed: `apt-get install mosquitto` (looked in \(candidates) and PATH)")
        }
        return try await withTemporaryDirectory { directory in
            // A port picked here is free when picked, but another test may bind it before Mosquitto does; then
            // Mosquitto exits, and the next free port is tried.
            for attempt in 1...3 {
                let port = try port ?? freeLoopbackPort()
                let config = directory + "/mosquitto.conf"
                try """
                listener \(port) 127.0.0.1
                \(tls?.listenerSettings ?? "")
                allow_anonymous true
                persistence false
                log_dest none

                """.write(toFile: config, atomically: true, encoding: .utf8)
                let broker = MosquittoBroker(port: port, executable: executable, configFile: config, plain: tls == nil)
                defer { broker.stop() }
                if started {
                    do {
                        try await broker.start()
                    } catch let error as TestSetupError where attempt < 3 && error.portTaken {
                        continue
                    }
                }
                return try await body(broker)
            }
            throw TestSetupError("mosquitto found no free port")
        }
    }

    /// Starts the broker (again) on its port and returns once it listens.
    public func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", configFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        self.process.withLock { $0 = process }
        try await waitForListener(pid: pid)
    }

    /// Kills the broker as a crash would (SIGKILL: a child of a Swift process may inherit a mask that blocks
    /// SIGTERM, and Mosquitto never unblocks it; with persistence off there is nothing to save). Its clients
    /// lose their connections and, persistence being off, their sessions.
    public func stop() {
        process.withLock { process in
            guard let running = process else { return }
            kill(running.processIdentifier, SIGKILL)
            running.waitUntilExit()
            process = nil
        }
    }

    static func findExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let all = candidates + path.split(separator: ":").map { "\($0)/mosquitto" }
        return all.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Returns once Mosquitto answers an MQTT CONNECT on the port (with TLS, once the port accepts): a TCP listener
    /// alone could be another test's server that took the port first, and every client would then be reset.
    private func waitForListener(pid: Int32) async throws {
        let deadline = ContinuousClock.now + Patience.reply
        var someoneElse = false
        while ContinuousClock.now < deadline {
            let exited = process.withLock { process -> Int32? in
                guard let process, process.processIdentifier == pid else { return nil }
                return process.isRunning ? nil : process.terminationStatus
            }
            if let exited {
                throw TestSetupError(
                    "mosquitto exited with status \(exited) before listening"
                        + (someoneElse ? ": something else listens on port \(port)" : ""),
                    portTaken: someoneElse)
            }
            if let connection = try? await RawMQTTConnection.connect(port: port) {
                guard plain else {
                    await connection.drop()
                    return
                }
                // CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client "" ; CONNACK accepted.
                try? await connection.send("10 0c 00 04 4d 51 54 54 04 02 00 3c 00 00")
                let answer = try? await connection.receive("20 02 00 00", timeout: .seconds(2))
                await connection.drop()
                if answer == "20 02 00 00" { return }
                someoneElse = true
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw TestSetupError("mosquitto did not answer MQTT on port \(port) within \(Patience.reply)")
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now (the kernel's pick for port 0).
public func freeLoopbackPort() throws -> Int {
    let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).wait()
    defer { try? channel.close().wait() }
    guard let port = channel.localAddress?.port else { throw TestSetupError("could not find a free port") }
    return port
}
