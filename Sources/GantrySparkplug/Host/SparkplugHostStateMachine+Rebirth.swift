/// Rebirth requests: an NCMD with `Node Control/Rebirth` = true, after which the node publishes its
/// NBIRTH and DBIRTHs again and the host learns its metrics afresh.
extension SparkplugHostStateMachine {
    /// The metric name an edge node acts on to rebirth.
    public static let rebirthMetricName = "Node Control/Rebirth"

    /// Asks the node to rebirth, unless a request went to it less than the configured interval ago: the
    /// answering NBIRTH takes a moment, and messages still in flight must not trigger a request each.
    mutating func requestRebirth(
        _ node: SparkplugEdgeNodeID, _ reason: SparkplugRebirthReason, at now: Int64
    ) -> [SparkplugHostAction] {
        if let last = lastRebirthRequest[node], now - last < configuration.rebirthRequestInterval, now >= last {
            return [.note(.rebirthSuppressed(node, reason: reason))]
        }
        lastRebirthRequest[node] = now
        return [.note(.rebirthRequested(node, reason: reason)), .publish(Self.rebirthCommand(to: node, at: now))]
    }

    /// The NCMD that asks `node` to rebirth, sent at QoS 0 and not retained, as Sparkplug requires of
    /// commands.
    public static func rebirthCommand(to node: SparkplugEdgeNodeID, at timestamp: Int64) -> SparkplugOutgoingMessage {
        var payload = SparkplugPayload()
        payload.timestamp = UInt64(clamping: timestamp)
        payload.metrics = [SparkplugMetric(name: rebirthMetricName, value: .boolean(true)).protobuf]
        return SparkplugOutgoingMessage(
            topic: SparkplugTopic.node(.nodeCommand, node).description, payload: payload.bytes, qos: 0, retain: false)
    }
}
