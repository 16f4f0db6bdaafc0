import Synchronization

/// Counters of broker activity, readable without a lock; published under `$SYS/broker/` and on `/metrics`.
public final class BrokerStatistics: Sendable {
    public let connectedClients = Atomic<Int>(0)
    public let messagesReceived = Atomic<Int>(0)
    public let messagesSent = Atomic<Int>(0)
    public let bytesReceived = Atomic<Int>(0)
    public let bytesSent = Atomic<Int>(0)
    /// Deliveries not made because a session queue was full, a message expired or exceeded the client's maximum.
    public let messagesDropped = Atomic<Int>(0)
    /// Connections refused at CONNECT (bad credentials, not authorized, malformed).
    public let connectionsRefused = Atomic<Int>(0)
    /// Connections closed for a malformed packet or a protocol error.
    public let protocolErrors = Atomic<Int>(0)

    public init() {}

    /// A snapshot of every counter by its `$SYS` name.
    public var snapshot: [(name: String, value: Int)] {
        [
            ("clients/connected", connectedClients.load(ordering: .relaxed)),
            ("messages/received", messagesReceived.load(ordering: .relaxed)),
            ("messages/sent", messagesSent.load(ordering: .relaxed)),
            ("bytes/received", bytesReceived.load(ordering: .relaxed)),
            ("bytes/sent", bytesSent.load(ordering: .relaxed)),
            ("messages/dropped", messagesDropped.load(ordering: .relaxed)),
            ("clients/refused", connectionsRefused.load(ordering: .relaxed)),
            ("clients/protocol-errors", protocolErrors.load(ordering: .relaxed)),
        ]
    }
}
