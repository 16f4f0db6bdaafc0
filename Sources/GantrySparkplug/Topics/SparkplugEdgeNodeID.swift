/// An edge node, named by its Sparkplug group and its node id: the unit that births, dies and counts `seq`.
public struct SparkplugEdgeNodeID: Hashable, Sendable, CustomStringConvertible {
    /// The Sparkplug group, the first level after the namespace.
    public let group: String
    /// The edge node within its group.
    public let node: String

    public init(group: String, node: String) {
        self.group = group
        self.node = node
    }

    /// `group/node`, as it reads in topics and logs.
    public var description: String { "\(group)/\(node)" }
}
