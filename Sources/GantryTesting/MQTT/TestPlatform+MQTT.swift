import GantryMQTT
import GantryServer
import NIOCore

extension TestPlatform {
    /// Runs the platform's ingest and its MQTT listener on a free loopback port around `body`;
    /// with `tls`, the MQTT-over-TLS listener (the platform must have a certificate configured).
    public static func withMQTT<Result: Sendable>(
        _ platform: Platform, tls: Bool = false, _ body: (_ port: Int) async throws -> Result
    ) async throws -> Result {
        let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
        let onBound: @Sendable (SocketAddress) -> Void = { address in
            continuation.yield(address.port ?? 0)
            continuation.finish()
        }
        guard
            let listener = tls
                ? platform.makeMQTTTLSListener(port: 0, onBound: onBound)
                : platform.makeMQTTListener(port: 0, onBound: onBound)
        else { throw TestSetupError("the platform made no MQTT listener") }
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await listener.run() }
            tasks.addTask { try await platform.ingest.run() }
            var ports = bound.makeAsyncIterator()
            guard let port = await ports.next(), port > 0 else {
                throw TestSetupError("the MQTT listener did not bind")
            }
            defer { tasks.cancelAll() }
            return try await body(port)
        }
    }
}
