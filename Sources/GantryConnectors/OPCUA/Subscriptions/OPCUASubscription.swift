/// A subscription created on the server, with its monitored items by client handle.
public struct OPCUASubscription: Sendable {
    public let id: UInt32
    /// The publishing interval the server granted.
    public let publishingInterval: Duration
    /// Publishing intervals without data after which the server sends a keep-alive.
    public let maxKeepAliveCount: UInt32
    public let items: [UInt32: OPCUAMonitoredItem]

    /// How long a Publish may wait before the subscription counts as dead: three keep-alive periods, at
    /// least ten seconds.
    var publishTimeout: Duration {
        max(.seconds(10), publishingInterval * Int(max(1, maxKeepAliveCount)) * 3)
    }
}
