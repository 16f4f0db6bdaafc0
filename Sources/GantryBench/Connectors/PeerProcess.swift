import Synchronization

/// A protocol peer from `../shared/peers` (a Python server) on a fixed loopback port, which the benchmark kills
/// and starts again to measure reconnection.
final class PeerProcess: Sendable {
    let script: String
    let port: Int
    let arguments: [String]
    private let current: Mutex<BrokerProcess?>

    private init(script: String, port: Int, arguments: [String]) {
        self.script = script
        self.port = port
        self.arguments = arguments
        self.current = Mutex(nil)
    }

    /// Starts `script` on `port` and returns once it listens.
    static func start(script: String, port: Int, arguments: [String]) async throws -> PeerProcess {
        let peer = PeerProcess(script: script, port: port, arguments: arguments)
        try await peer.start()
        return peer
    }

    /// Starts the server (again); returns once it accepts connections.
    func start() async throws {
        let process = try await BrokerProcess(
            name: script, executable: "/usr/bin/env",
            arguments: ["python3", script, "--host", "127.0.0.1", "--port", "\(port)"] + arguments, port: port)
        current.withLock { $0 = process }
    }

    /// Kills it as a power loss would.
    func kill() async {
        let process = current.withLock { current in
            defer { current = nil }
            return current
        }
        await process?.stop()
    }

    func stop() async {
        await kill()
    }
}
