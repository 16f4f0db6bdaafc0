import GantryCore

/// The Sparkplug B 3.0 host application, as a value-type state machine: feed it each received message and
/// carry out the actions it returns.
///
/// It holds which edge nodes and devices are online, what their births declared (names, aliases, types),
/// and each node's `seq`. It does no I/O and reads no clock: every input carries its receive time, which
/// also paces the rebirth requests, so tests drive it with plain numbers.
public struct SparkplugHostStateMachine: Sendable {
    public let configuration: SparkplugHostConfiguration
    /// Online nodes only: a node leaves on its NDEATH.
    var sessions: [SparkplugEdgeNodeID: SparkplugNodeSession] = [:]
    /// When a rebirth was last requested from each node, to pace the requests.
    ///
    /// - Complexity: one entry per edge node ever asked, as bounded as the plant's set of nodes.
    var lastRebirthRequest: [SparkplugEdgeNodeID: Int64] = [:]
    /// The timestamp of the host's own online STATE, once ``hostOnline(at:)`` published it.
    var hostBirthTimestamp: Int64?

    public init(configuration: SparkplugHostConfiguration) {
        self.configuration = configuration
    }

    /// Handles one message received on a subscribed topic at `receivedAt` (milliseconds since the epoch).
    public mutating func receive(topic text: String, payload: [UInt8], receivedAt: Int64) -> [SparkplugHostAction] {
        let topic: SparkplugTopic
        do {
            topic = try SparkplugTopic(parsing: text)
        } catch {
            return [.note(.messageIgnored(topic: text, reason: error.message))]
        }
        switch topic {
        case .state(let hostID):
            return receiveState(hostID: hostID, payload: payload)
        case .node(.nodeCommand, _), .device(.deviceCommand, _, _):
            return [.note(.messageIgnored(topic: text, reason: "commands are addressed to edge nodes"))]
        case .node(let type, let node), .device(let type, let node, _):
            let device: String? = if case .device(_, _, let device) = topic { device } else { nil }
            let decoded: SparkplugPayload
            do {
                decoded = try SparkplugPayload(bytes: payload)
            } catch {
                if type == .nodeDeath {
                    return [
                        .note(.messageIgnored(topic: text, reason: "an NDEATH that cannot be read: \(error.message)"))
                    ]
                }
                return requestRebirth(node, .undecodable(error.message), at: receivedAt)
            }
            let message = Message(node: node, device: device, payload: decoded, receivedAt: receivedAt)
            return receive(type, message)
        }
    }

    /// One decoded node or device message, with what every handler needs.
    struct Message {
        let node: SparkplugEdgeNodeID
        let device: String?
        let payload: SparkplugPayload
        let receivedAt: Int64
    }

    private mutating func receive(_ type: SparkplugMessageType, _ message: Message) -> [SparkplugHostAction] {
        switch type {
        case .nodeBirth: return nodeBirth(message)
        case .nodeDeath: return nodeDeath(message)
        case .nodeCommand, .deviceCommand: return []
        case .nodeData, .deviceBirth, .deviceData, .deviceDeath: break
        }
        guard sessions[message.node] != nil else {
            return requestRebirth(message.node, .notBorn(device: nil), at: message.receivedAt)
        }
        var actions = checkSequence(message)
        switch (type, message.device) {
        case (.nodeData, _): actions += nodeData(message)
        case (.deviceBirth, let device?): actions += deviceBirth(message, device: device)
        case (.deviceData, let device?): actions += deviceData(message, device: device)
        case (.deviceDeath, let device?): actions += deviceDeath(message, device: device)
        default: break
        }
        return actions
    }
}
