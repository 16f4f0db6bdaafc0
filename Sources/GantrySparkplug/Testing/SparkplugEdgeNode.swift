/// A simulated Sparkplug B edge node: builds the NBIRTH, DBIRTH, NDATA, DDATA, NDEATH and DDEATH messages a
/// real one would publish, with `seq` and `bdSeq` kept the way the specification requires.
///
/// For tests and the plant simulator, not for production devices: it publishes nothing itself and trusts
/// its caller to send births before data. `seq` is 0 in NBIRTH and goes up by one (wrapping after 255) with
/// every later message; `bdSeq` stays the same for one MQTT connection and goes up with ``reconnect()``.
public struct SparkplugEdgeNode: Sendable {
    public let id: SparkplugEdgeNodeID
    /// The `bdSeq` of the current connection, carried by its NBIRTH and by the NDEATH registered as will.
    public private(set) var birthDeathSequence: UInt64
    /// The `seq` the next message after NBIRTH carries.
    public private(set) var nextSequence: UInt64 = 0

    public init(id: SparkplugEdgeNodeID, birthDeathSequence: UInt64 = 0) {
        self.id = id
        self.birthDeathSequence = birthDeathSequence % 256
    }

    /// Moves to a new MQTT connection: the next `bdSeq`, so the old connection's will is recognisably stale.
    public mutating func reconnect() {
        birthDeathSequence = (birthDeathSequence + 1) % 256
    }

    /// The NBIRTH: `seq` 0, the `bdSeq` metric (Int64) first, then `metrics` with names, types and values.
    public mutating func nodeBirth(metrics: [SparkplugMetric], timestamp: Int64) -> SparkplugOutgoingMessage {
        nextSequence = 0
        let bdSeq = SparkplugMetric(name: "bdSeq", value: .int64(Int64(birthDeathSequence)))
        return message(.node(.nodeBirth, id), [bdSeq] + metrics, timestamp: timestamp, sequenced: true)
    }

    /// The NDEATH for the current connection, to register as the MQTT will (QoS 1, not retained).
    public func nodeDeath(timestamp: Int64) -> SparkplugOutgoingMessage {
        let bdSeq = SparkplugMetric(name: "bdSeq", value: .int64(Int64(birthDeathSequence)))
        var death = Self.message(.node(.nodeDeath, id), [bdSeq], timestamp: timestamp, seq: nil)
        death.qos = 1
        return death
    }

    public mutating func nodeData(metrics: [SparkplugMetric], timestamp: Int64) -> SparkplugOutgoingMessage {
        message(.node(.nodeData, id), metrics, timestamp: timestamp, sequenced: true)
    }

    public mutating func deviceBirth(
        device: String, metrics: [SparkplugMetric], timestamp: Int64
    ) -> SparkplugOutgoingMessage {
        message(.device(.deviceBirth, id, device: device), metrics, timestamp: timestamp, sequenced: true)
    }

    public mutating func deviceData(
        device: String, metrics: [SparkplugMetric], timestamp: Int64
    ) -> SparkplugOutgoingMessage {
        message(.device(.deviceData, id, device: device), metrics, timestamp: timestamp, sequenced: true)
    }

    public mutating func deviceDeath(device: String, timestamp: Int64) -> SparkplugOutgoingMessage {
        message(.device(.deviceDeath, id, device: device), [], timestamp: timestamp, sequenced: true)
    }

    /// Whether a message published to this node is an NCMD asking it to rebirth.
    public func isRebirthCommand(topic: String, payload: [UInt8]) -> Bool {
        guard (try? SparkplugTopic(parsing: topic)) == .node(.nodeCommand, id),
            let decoded = try? SparkplugPayload(bytes: payload)
        else { return false }
        return decoded.metrics.contains { metric in
            metric.name == SparkplugHostStateMachine.rebirthMetricName
                && (try? SparkplugMetric(decoding: metric, declaredType: .boolean))?.value == .boolean(true)
        }
    }

    /// A message with `metrics` and `timestamp`; `sequenced` ones take the next `seq`.
    private mutating func message(
        _ topic: SparkplugTopic, _ metrics: [SparkplugMetric], timestamp: Int64, sequenced: Bool
    ) -> SparkplugOutgoingMessage {
        guard sequenced else { return Self.message(topic, metrics, timestamp: timestamp, seq: nil) }
        defer { nextSequence = (nextSequence + 1) % 256 }
        return Self.message(topic, metrics, timestamp: timestamp, seq: nextSequence)
    }

    private static func message(
        _ topic: SparkplugTopic, _ metrics: [SparkplugMetric], timestamp: Int64, seq: UInt64?
    ) -> SparkplugOutgoingMessage {
        var payload = SparkplugPayload()
        payload.timestamp = UInt64(clamping: timestamp)
        payload.metrics = metrics.map(\.protobuf)
        if let seq { payload.seq = seq }
        return SparkplugOutgoingMessage(topic: topic.description, payload: payload.bytes, qos: 0, retain: false)
    }
}
