/// What the host knows right now: which nodes and devices are online and what their births declared.
extension SparkplugHostStateMachine {
    /// Whether the edge node's last NBIRTH has not been ended by a matching NDEATH.
    public func isOnline(_ node: SparkplugEdgeNodeID) -> Bool {
        sessions[node] != nil
    }

    /// Whether the device has a DBIRTH in the current session of its node and no DDEATH since.
    public func isOnline(_ node: SparkplugEdgeNodeID, device: String) -> Bool {
        sessions[node]?.devices[device] != nil
    }

    /// The online edge nodes, in no particular order.
    public var onlineNodes: [SparkplugEdgeNodeID] { Array(sessions.keys) }

    /// The online devices of a node, sorted by id.
    public func onlineDevices(of node: SparkplugEdgeNodeID) -> [String] {
        sessions[node]?.devices.keys.sorted() ?? []
    }

    /// The metrics the current birth of the node (or of its device) declared, in birth order; empty when
    /// offline.
    public func metricDefinitions(of node: SparkplugEdgeNodeID, device: String? = nil) -> [SparkplugMetricDefinition] {
        guard let session = sessions[node] else { return [] }
        guard let device else { return session.metrics.definitions }
        return session.devices[device]?.definitions ?? []
    }
}
