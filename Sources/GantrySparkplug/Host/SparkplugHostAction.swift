import GantryCore

/// What the host state machine asks its owner to do after a message; the owner carries these out
/// (defines tags, stores samples, publishes) so the machine itself stays free of I/O.
public enum SparkplugHostAction: Hashable, Sendable {
    /// A birth declared these metrics for the edge node, or for one of its devices when `device` is set.
    case defineTags(node: SparkplugEdgeNodeID, device: String?, metrics: [SparkplugMetricDefinition])
    /// Values arrived (from a birth or data message) for the node, or for one of its devices.
    case record(node: SparkplugEdgeNodeID, device: String?, samples: [SparkplugSample])
    /// The node or device went offline: its metrics are stale from `timestamp` on, at `quality` (bad).
    case markStale(node: SparkplugEdgeNodeID, device: String?, metrics: [String], timestamp: Int64, quality: Quality)
    /// Publish this message: a rebirth request (NCMD) or the host's own STATE.
    case publish(SparkplugOutgoingMessage)
    /// Something worth a log line that needs nothing else done.
    case note(SparkplugHostNote)
}

/// Log-worthy events of the host state machine.
public enum SparkplugHostNote: Hashable, Sendable {
    /// A rebirth was requested from the node, for this reason.
    case rebirthRequested(SparkplugEdgeNodeID, reason: SparkplugRebirthReason)
    /// A rebirth was due but one was requested less than the configured interval ago.
    case rebirthSuppressed(SparkplugEdgeNodeID, reason: SparkplugRebirthReason)
    /// An NDEATH whose `bdSeq` is not that of the node's current birth: it belongs to an older session
    /// (the broker delivered a stale will) and is ignored.
    case staleDeathIgnored(SparkplugEdgeNodeID, expected: UInt64?, received: UInt64?)
    /// A death for a node or device that is not online, which changes nothing.
    case deathOfOfflineIgnored(SparkplugEdgeNodeID, device: String?)
    /// A message the host does not act on (a command, another host's STATE), or one it could not read.
    case messageIgnored(topic: String, reason: String)
}

/// Why the host asks an edge node to publish its births again.
public enum SparkplugRebirthReason: Hashable, Sendable {
    /// A message arrived with `received` where `expected` was due: messages were lost or reordered.
    case sequenceGap(expected: UInt64, received: UInt64)
    /// A message lacks the `seq` every message after NBIRTH must carry.
    case missingSequence
    /// Data used an alias (or name) the births did not declare.
    case unknownMetric(String)
    /// A node or device sent data or a device birth while the host holds no birth for it.
    case notBorn(device: String?)
    /// The payload, or a metric in it, could not be decoded.
    case undecodable(String)
}
