import GantryCore
import GantrySparkplug

/// A simulated device's Sparkplug B edge node: NBIRTH with every tag as a named metric and an alias, NDATA by
/// alias only, NDEATH with the connection's `bdSeq`.
///
/// Metric names are the tag names, so Gantry's host files them under the device's asset unchanged.
struct SparkplugNodeEncoder: Sendable {
    private(set) var node: SparkplugEdgeNode
    private var aliases: [TagPath: UInt64] = [:]
    private var connections = 0

    /// The metric that lets a host ask for a new birth.
    static let rebirthMetric = "Node Control/Rebirth"

    init(device: SimulatedDevice) {
        node = SparkplugEdgeNode(id: SparkplugEdgeNodeID(group: device.enterprise, node: device.name))
    }

    /// Moves to a new MQTT connection (the next `bdSeq` after the first) and returns the NDEATH to register as will.
    mutating func connecting(at time: Int64) -> SparkplugOutgoingMessage {
        if connections > 0 { node.reconnect() }
        connections += 1
        return node.nodeDeath(timestamp: time)
    }

    /// The NBIRTH for `samples`: `seq` 0, `bdSeq`, the rebirth control, then each tag with its alias.
    mutating func birth(_ samples: [SimulatedSample], at time: Int64) -> SparkplugOutgoingMessage {
        aliases = [:]
        var metrics = [SparkplugMetric(name: Self.rebirthMetric, value: .boolean(false))]
        for sample in samples {
            let alias = UInt64(aliases.count + 1)
            aliases[sample.tag] = alias
            metrics.append(
                SparkplugMetric(name: sample.tag.name, alias: alias, timestamp: sample.time, value: Self.value(sample)))
        }
        return node.nodeBirth(metrics: metrics, timestamp: time)
    }

    /// The NDATA for `samples`, by alias; `nil` when a tag has no alias yet (a birth must come first).
    mutating func data(_ samples: [SimulatedSample], at time: Int64) -> SparkplugOutgoingMessage? {
        var metrics: [SparkplugMetric] = []
        for sample in samples {
            guard let alias = aliases[sample.tag] else { return nil }
            metrics.append(SparkplugMetric(name: nil, alias: alias, timestamp: sample.time, value: Self.value(sample)))
        }
        return node.nodeData(metrics: metrics, timestamp: time)
    }

    /// The NDEATH of the current connection, published before a clean DISCONNECT.
    func death(at time: Int64) -> SparkplugOutgoingMessage {
        node.nodeDeath(timestamp: time)
    }

    /// Whether a message received on the node's command topic asks for a rebirth.
    func isRebirthCommand(topic: String, payload: [UInt8]) -> Bool {
        node.isRebirthCommand(topic: topic, payload: payload)
    }

    /// The NCMD topic hosts send commands to.
    var commandTopic: String { SparkplugTopic.node(.nodeCommand, node.id).description }

    static func value(_ sample: SimulatedSample) -> SparkplugValue {
        switch sample.value {
        case .double(let number): .double(number)
        case .int(let number): .int64(number)
        case .bool(let flag): .boolean(flag)
        case .string(let text): .string(text)
        }
    }
}
