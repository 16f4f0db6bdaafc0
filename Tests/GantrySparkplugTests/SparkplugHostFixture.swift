import GantryCore

@testable import GantrySparkplug

/// A host and a simulated edge node wired together by hand: what one publishes, the other receives.
struct SparkplugHostFixture {
    static let nodeID = SparkplugEdgeNodeID(group: "plant", node: "line-1")
    static let nodeMetrics = [
        SparkplugMetric(name: "temperature", alias: 1, value: .double(20.5)),
        SparkplugMetric(name: "running", alias: 2, value: .boolean(true)),
    ]
    static let deviceMetrics = [SparkplugMetric(name: "pressure", alias: 10, value: .float(1.5))]

    var host = SparkplugHostStateMachine(configuration: SparkplugHostConfiguration(hostID: "gantry"))
    var edge = SparkplugEdgeNode(id: nodeID)

    /// Hands a message the edge node built to the host, received at `time`.
    mutating func deliver(_ message: SparkplugOutgoingMessage, at time: Int64) -> [SparkplugHostAction] {
        host.receive(topic: message.topic, payload: message.payload, receivedAt: time)
    }

    /// Births the node (and the press device) at `time`, returning the host's actions.
    @discardableResult
    mutating func birth(at time: Int64, withDevice: Bool = true) -> [SparkplugHostAction] {
        var actions = deliver(edge.nodeBirth(metrics: Self.nodeMetrics, timestamp: time), at: time)
        if withDevice {
            actions += deliver(
                edge.deviceBirth(device: "press", metrics: Self.deviceMetrics, timestamp: time), at: time)
        }
        return actions
    }

    /// An NDATA with the temperature by alias only.
    mutating func temperature(_ value: Double, at time: Int64) -> SparkplugOutgoingMessage {
        edge.nodeData(metrics: [SparkplugMetric(name: nil, alias: 1, value: .double(value))], timestamp: time)
    }
}

extension Array where Element == SparkplugHostAction {
    var published: [SparkplugOutgoingMessage] {
        compactMap { if case .publish(let message) = $0 { message } else { nil } }
    }

    var notes: [SparkplugHostNote] {
        compactMap { if case .note(let note) = $0 { note } else { nil } }
    }

    /// Every recorded sample, with the device it belongs to.
    var recorded: [(device: String?, sample: SparkplugSample)] {
        flatMap { action -> [(device: String?, sample: SparkplugSample)] in
            guard case .record(_, let device, let samples) = action else { return [] }
            return samples.map { (device, $0) }
        }
    }

    var defined: [(device: String?, metrics: [SparkplugMetricDefinition])] {
        compactMap { if case .defineTags(_, let device, let metrics) = $0 { (device, metrics) } else { nil } }
    }

    var stale: [(device: String?, metrics: [String], timestamp: Int64, quality: Quality)] {
        compactMap {
            if case .markStale(_, let device, let metrics, let time, let quality) = $0 {
                (device, metrics, time, quality)
            } else {
                nil
            }
        }
    }

    /// The reasons of the rebirth requests actually sent.
    var rebirthReasons: [SparkplugRebirthReason] {
        notes.compactMap { if case .rebirthRequested(_, let reason) = $0 { reason } else { nil } }
    }
}
