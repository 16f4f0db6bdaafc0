import Foundation
import NIOCore
import NIOPosix

/// A real Mosquitto on a free loopback port for the length of a test: the reference broker
/// Gantry's client must work against as well as against Gantry's own.
public struct MosquittoBroker: Sendable {
    public let port: Int

    /// Where Debian puts the broker; `PATH` is searched after it.
    static let candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"]

    /// Starts `mosquitto` (anonymous access, persistence off) on a free port, runs `body`, stops it.
    ///
    /// - Throws: `TestSetupError` when the binary is missing (install Debian's `mosquitto`) or does not start.
    public static func with<Result: Sendable>(_ body: (MosquittoBroker) async throws -> Result) async throws -> Result {
        guard let executable = findExecutable() else {
            throw TestSetupError(
                "mosquitto is not installed: `apt-get install mosquitto` (looked in \(candidates) and PATH)")
        }
        return try await withTemporaryDirectory { directory in
            let port = try freeLoopbackPort()
            let config = directory + "/mosquitto.conf"
            try """
            listener \(port) 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest none

            """.write(toFile: config, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-c", config]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer {
                // SIGKILL: a child of a Swift process may inherit a mask that blocks SIGTERM, and
                // Mosquitto never unblocks it; with persistence off there is nothing to save.
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try await waitForListener(port: port, process: process)
            return try await body(MosquittoBroker(port: port))
        }
    }

    static func findExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let all = candidates + path.split(separator: ":").map { "\($0)/mosquitto" }
        return all.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func waitForListener(port: Int, process: Process) async throws {
        for _ in 0..<200 {
            guard process.isRunning else {
                throw TestSetupError("mosquitto exited with status \(process.terminationStatus) before listening")
            }
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            {
                try? await channel.close()
                return
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw TestSetupError("mosquitto did not listen on port \(port) within 5 s")
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
