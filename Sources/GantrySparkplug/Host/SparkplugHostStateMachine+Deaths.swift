import GantryCore

/// NDEATH and DDEATH: a node or device going offline, which makes its metrics stale.
extension SparkplugHostStateMachine {
    /// The quality given to metrics of a node or device that went offline: bad, as OPC UA's
    /// `Bad_NoCommunication` (sub-code 0x31) says.
    public static let staleQuality = Quality(.bad, subCode: 0x31)

    /// Ends the node's session if the death's `bdSeq` matches its birth's; otherwise the will belongs to an
    /// older connection of the node and the current session stays.
    mutating func nodeDeath(_ message: Message) -> [SparkplugHostAction] {
        guard let session = sessions[message.node] else {
            return [.note(.deathOfOfflineIgnored(message.node, device: nil))]
        }
        let received = Self.birthDeathSequence(in: message.payload)
        guard received == session.birthDeathSequence else {
            return [.note(.staleDeathIgnored(message.node, expected: session.birthDeathSequence, received: received))]
        }
        return endSession(of: message.node, at: message.receivedAt, includingNode: true)
    }

    mutating func deviceDeath(_ message: Message, device: String) -> [SparkplugHostAction] {
        guard let table = sessions[message.node]?.devices.removeValue(forKey: device) else {
            return [.note(.deathOfOfflineIgnored(message.node, device: device))]
        }
        return [stale(message.node, device: device, table, at: message.receivedAt)]
    }

    /// Marks the node's devices stale and forgets them; with `includingNode`, the node's own metrics too
    /// and the whole session.
    mutating func endSession(of node: SparkplugEdgeNodeID, at time: Int64, includingNode: Bool) -> [SparkplugHostAction]
    {
        guard let session = sessions[node] else { return [] }
        var actions = session.devices.sorted { $0.key < $1.key }.map { device, table in
            stale(node, device: device, table, at: time)
        }
        sessions[node]?.devices = [:]
        if includingNode {
            actions.append(stale(node, device: nil, session.metrics, at: time))
            sessions[node] = nil
        }
        return actions
    }

    private func stale(
        _ node: SparkplugEdgeNodeID, device: String?, _ table: SparkplugMetricTable, at time: Int64
    ) -> SparkplugHostAction {
        .markStale(node: node, device: device, metrics: table.names, timestamp: time, quality: Self.staleQuality)
    }
}
