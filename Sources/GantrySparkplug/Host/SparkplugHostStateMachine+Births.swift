/// NBIRTH and DBIRTH: a (re)start of a node or device session, declaring its metrics with their values.
extension SparkplugHostStateMachine {
    /// Starts a new node session: the old one's devices go stale (their aliases mean nothing any more, and
    /// they send DBIRTH again), the node's metrics are defined anew and their birth values recorded.
    mutating func nodeBirth(_ message: Message) -> [SparkplugHostAction] {
        var actions = endSession(of: message.node, at: message.receivedAt, includingNode: false)
        let table: SparkplugMetricTable
        let metrics: [SparkplugMetric]
        do {
            (table, metrics) = try SparkplugMetricTable.birth(message.payload.metrics)
        } catch {
            actions += endSession(of: message.node, at: message.receivedAt, includingNode: true)
            return actions + requestRebirth(message.node, .undecodable(error.message), at: message.receivedAt)
        }
        let bdSeq = Self.birthDeathSequence(in: message.payload)
        sessions[message.node] = SparkplugNodeSession(
            birthDeathSequence: bdSeq,
            lastSequence: message.payload.hasSeq ? message.payload.seq % 256 : 0,
            metrics: table)
        actions.append(.defineTags(node: message.node, device: nil, metrics: table.definitions))
        actions.append(.record(node: message.node, device: nil, samples: samples(metrics, table.names, message)))
        return actions
    }

    /// Starts (or restarts) a device session within the node's current one.
    mutating func deviceBirth(_ message: Message, device: String) -> [SparkplugHostAction] {
        do {
            let (table, metrics) = try SparkplugMetricTable.birth(message.payload.metrics)
            sessions[message.node]?.devices[device] = table
            return [
                .defineTags(node: message.node, device: device, metrics: table.definitions),
                .record(node: message.node, device: device, samples: samples(metrics, table.names, message)),
            ]
        } catch {
            sessions[message.node]?.devices[device] = nil
            return requestRebirth(message.node, .undecodable(error.message), at: message.receivedAt)
        }
    }

    /// The `bdSeq` metric of an NBIRTH or NDEATH: Int64 in the normative text, UInt64 in some examples and
    /// implementations; any integer type is read.
    static func birthDeathSequence(in payload: SparkplugPayload) -> UInt64? {
        guard let proto = payload.metrics.first(where: { $0.name == "bdSeq" }),
            let value = (try? SparkplugMetric(decoding: proto, declaredType: .int64))?.value
        else { return nil }
        switch value {
        case .uint64(let unsigned): return unsigned
        case .int64(let signed): return UInt64(bitPattern: signed)
        case .int8, .int16, .int32, .uint8, .uint16, .uint32:
            guard case .int(let small)? = value.sampleValue else { return nil }
            return UInt64(bitPattern: small)
        default: return nil
        }
    }

    /// Samples for decoded metrics, named by `names` (the birth's own names, or those an alias resolved to).
    func samples(_ metrics: [SparkplugMetric], _ names: [String], _ message: Message) -> [SparkplugSample] {
        let payloadTime = message.payload.hasTimestamp ? Int64(clamping: message.payload.timestamp) : nil
        return zip(metrics, names).map { metric, name in
            SparkplugSample(
                metric: name,
                timestamp: metric.timestamp ?? payloadTime ?? message.receivedAt,
                value: metric.value,
                isHistorical: metric.isHistorical)
        }
    }
}
