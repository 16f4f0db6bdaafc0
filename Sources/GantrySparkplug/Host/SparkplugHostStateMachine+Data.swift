/// NDATA and DDATA: values for metrics a birth declared, found by alias or name.
extension SparkplugHostStateMachine {
    mutating func nodeData(_ message: Message) -> [SparkplugHostAction] {
        guard let table = sessions[message.node]?.metrics else { return [] }
        return data(message, table: table)
    }

    mutating func deviceData(_ message: Message, device: String) -> [SparkplugHostAction] {
        guard let table = sessions[message.node]?.devices[device] else {
            return requestRebirth(message.node, .notBorn(device: device), at: message.receivedAt)
        }
        return data(message, table: table)
    }

    /// Records every metric the table knows; a metric it does not know, or cannot decode, asks for a rebirth
    /// (once per message) while the others are still recorded.
    private mutating func data(_ message: Message, table: SparkplugMetricTable) -> [SparkplugHostAction] {
        var metrics: [SparkplugMetric] = []
        var names: [String] = []
        var problem: SparkplugRebirthReason?
        for proto in message.payload.metrics {
            guard let definition = table.definition(for: proto) else {
                problem = problem ?? .unknownMetric(proto.hasAlias ? "alias \(proto.alias)" : "'\(proto.name)'")
                continue
            }
            do {
                metrics.append(try SparkplugMetric(decoding: proto, declaredType: definition.dataType))
                names.append(definition.name)
            } catch {
                problem = problem ?? .undecodable(error.message)
            }
        }
        var actions: [SparkplugHostAction] = []
        if !metrics.isEmpty {
            actions.append(
                .record(node: message.node, device: message.device, samples: samples(metrics, names, message)))
        }
        if let problem {
            actions += requestRebirth(message.node, problem, at: message.receivedAt)
        }
        return actions
    }
}
