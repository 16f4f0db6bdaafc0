import GantryMQTT
import Logging
import NIOCore
import NIOPosix

/// A broker listening on a free loopback port for the length of a test.
public struct TestBroker: Sendable {
    public let broker: MQTTBroker
    public let port: Int

    /// Starts a broker on port 0, runs `body`, then stops the listener and closes its connections.
    /// With `stateFile`, the broker starts from the state saved there, as after a restart; with
    /// `security`, the listener speaks TLS.
    @discardableResult
    public static func with<Result: Sendable>(
        configuration: MQTTBrokerConfiguration = MQTTBrokerConfiguration(),
        authenticator: any MQTTAuthenticator = OpenAuthenticator(),
        publishHook: (any MQTTPublishHook)? = nil,
        stateFile: String? = nil,
        security: MQTTTransportSecurity? = nil,
        logger: Logger = Logger(label: "test-broker", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (TestBroker) async throws -> Result
    ) async throws -> Result {
        let group = MultiThreadedEventLoopGroup.singleton
        let broker = MQTTBroker(
            configuration: configuration, authenticator: authenticator, publishHook: publishHook,
            timerLoop: group.any(), logger: logger)
        if let stateFile { broker.loadState(from: stateFile) }
        let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
        let listener = MQTTListener(
            broker: broker, host: "127.0.0.1", port: 0, security: security, group: group
        ) { address in
            continuation.yield(address.port ?? 0)
            continuation.finish()
        }
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await listener.run() }
            var ports = bound.makeAsyncIterator()
            guard let port = await ports.next(), port > 0 else { throw TestSetupError("the test broker did not bind") }
            defer { tasks.cancelAll() }
            return try await body(TestBroker(broker: broker, port: port))
        }
    }
}
