/// How a Sparkplug host application identifies itself and how often it may ask an edge node to rebirth.
public struct SparkplugHostConfiguration: Hashable, Sendable {
    /// The host id in `spBv1.0/STATE/HOST_ID`; edge nodes that wait for their primary host watch it.
    public var hostID: String
    /// The least time between two rebirth requests to the same edge node, in milliseconds: a node that
    /// keeps sending out-of-order messages gets one request per interval, not one per message.
    public var rebirthRequestInterval: Int64

    public init(hostID: String, rebirthRequestInterval: Int64 = 5_000) {
        self.hostID = hostID
        self.rebirthRequestInterval = rebirthRequestInterval
    }
}
