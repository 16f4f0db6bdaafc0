import GantryCore

/// A node to watch in a subscription: its Value attribute, sampled by the server every `samplingInterval`,
/// and the point name its readings carry.
public struct OPCUAMonitoredItem: Hashable, Sendable {
    public var name: String
    public var node: OPCUANodeId
    public var samplingInterval: Duration

    public init(name: String, node: OPCUANodeId, samplingInterval: Duration = .milliseconds(250)) {
        self.name = name
        self.node = node
        self.samplingInterval = samplingInterval
    }
}
