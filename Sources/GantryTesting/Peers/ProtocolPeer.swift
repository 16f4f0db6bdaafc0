import Foundation
import Synchronization

/// One of the protocol servers in `../shared/peers` (pymodbus, asyncua), run on a loopback port for the length
/// of a test: real implementations no one here wrote, which Gantry's connectors must read, write and survive.
///
/// It can be killed (SIGKILL, as a PLC losing power) and started again on the same port, to test reconnection.
public final class ProtocolPeer: Sendable {
    /// The peers in `../shared/peers`, by their server script.
    public enum Kind: String, Sendable {
        case modbus = "modbus_server.py"
        case opcua = "opcua_server.py"
    }

    public let kind: Kind
    public let port: Int
    /// What the server printed after `READY` on its last start (`modbus-tcp 127.0.0.1:5020`,
    /// `opc.tcp://127.0.0.1:4840/ ns=2`).
    public var readyLine: String { ready.withLock { $0 } }
    private let arguments: [String]
    private let process = Mutex<Process?>(nil)
    private let ready = Mutex("")

    private init(kind: Kind, port: Int, arguments: [String]) {
        self.kind = kind
        self.port = port
        self.arguments = arguments
    }

    /// Where the peers are: `GANTRY_PEERS_DIR`, or `../shared/peers` beside the repository.
    public static var directory: String {
        if let configured = ProcessInfo.processInfo.environment["GANTRY_PEERS_DIR"] { return configured }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/peers").path
    }

    /// Starts the `kind` server on a free port, its values changing every `period` seconds, runs `body`, stops it.
    /// At most two peers run at once in a test process (`PeerSlots`); a test never holds two.
    ///
    /// - Throws: `TestSetupError` when Python or the peer's package is missing (`.ci/run` installs
    ///   `pymodbus` and `asyncua`) or the server does not print `READY` within 20 s.
    public static func with<Result: Sendable>(
        _ kind: Kind, period: Double = 0.2, _ body: (ProtocolPeer) async throws -> Result
    ) async throws -> Result {
        let script = directory + "/" + kind.rawValue
        guard FileManager.default.fileExists(atPath: script) else {
            throw TestSetupError("no protocol peer at \(script): set GANTRY_PEERS_DIR to ../shared/peers")
        }
        await PeerSlots.shared.acquire()
        defer { PeerSlots.shared.release() }
        let port = try freeLoopbackPort()
        let peer = ProtocolPeer(
            kind: kind, port: port,
            arguments: [script, "--host", "127.0.0.1", "--port", "\(port)", "--period", "\(period)"])
        defer { peer.kill() }
        try await peer.start()
        return try await body(peer)
    }

    /// Starts the server (again) on its port and returns once it printed `READY`.
    public func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let printed = Mutex("")
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            printed.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
        }
        ready.withLock { $0 = "" }
        try process.run()
        self.process.withLock { $0 = process }
        for _ in 0..<800 {
            if let line = printed.withLock({ text in text.split(separator: "\n").first { $0.hasPrefix("READY ") } }) {
                ready.withLock { $0 = String(line.dropFirst("READY ".count)) }
                return
            }
            if !process.isRunning {
                throw TestSetupError(
                    "\(kind.rawValue) exited with status \(process.terminationStatus) before READY "
                        + "(is its Python package installed? `pip install pymodbus asyncua`)")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw TestSetupError("\(kind.rawValue) did not print READY within 20 s")
    }

    /// Kills the server as a power loss would: SIGKILL, no goodbye on the wire (a child of a Swift process may
    /// inherit a signal mask that blocks SIGTERM).
    public func kill() {
        process.withLock { process in
            guard let running = process else { return }
            Foundation.kill(running.processIdentifier, SIGKILL)
            running.waitUntilExit()
            process = nil
        }
    }
}
