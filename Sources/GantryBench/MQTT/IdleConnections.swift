import GantryMQTT
import NIOCore

/// What holding many idle MQTT connections costs a broker in resident memory.
public struct IdleConnectionsResult: Sendable {
    public var broker: String
    public var connections: Int
    public var residentBeforeKiB: Int
    public var residentAfterKiB: Int

    /// The growth of the broker's resident memory divided by the connections opened.
    public var kibPerConnection: Double {
        connections > 0 ? Double(residentAfterKiB - residentBeforeKiB) / Double(connections) : 0
    }
}

/// Opens `count` connections (CONNECT, clean start, keep-alive 600 s, no subscriptions) to a
/// broker process, reads its `VmRSS` before and after, then closes them.
enum IdleConnections {
    static func measure(
        _ broker: BrokerProcess, count: Int, version: ProtocolVersion, group: any EventLoopGroup
    ) async throws -> IdleConnectionsResult {
        try await Task.sleep(for: .milliseconds(500))
        let before = broker.residentKiB
        var clients: [MQTTClient] = []
        clients.reserveCapacity(count)
        let concurrency = 64
        try await withThrowingTaskGroup(of: MQTTClient.self) { tasks in
            var started = 0
            func start() {
                let index = started
                started += 1
                tasks.addTask {
                    try await MQTTClient.connect(
                        port: broker.port,
                        configuration: MQTTClientConfiguration(
                            version: version, clientID: "idle-\(index)", keepAlive: 600, messageBufferLimit: 1),
                        group: group)
                }
            }
            while started < min(concurrency, count) { start() }
            while let client = try await tasks.next() {
                clients.append(client)
                if started < count { start() }
            }
        }
        try await Task.sleep(for: .seconds(1))
        let after = broker.residentKiB
        for client in clients { await client.close() }
        return IdleConnectionsResult(
            broker: broker.name, connections: clients.count, residentBeforeKiB: before, residentAfterKiB: after)
    }
}
