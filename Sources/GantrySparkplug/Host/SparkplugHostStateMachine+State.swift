import Foundation

/// The host application's own STATE on `spBv1.0/STATE/HOST_ID`, and the topics it subscribes to.
extension SparkplugHostStateMachine {
    /// The topic filters the host subscribes to: every node's and device's births, data and deaths (not the
    /// commands other hosts send), and its own STATE, to notice a stale will overwriting it.
    public var subscriptions: [String] {
        let namespace = SparkplugTopic.namespace
        return [
            "\(namespace)/+/NBIRTH/+", "\(namespace)/+/NDATA/+", "\(namespace)/+/NDEATH/+",
            "\(namespace)/+/DBIRTH/+/+", "\(namespace)/+/DDATA/+/+", "\(namespace)/+/DDEATH/+/+",
            SparkplugTopic.state(hostID: configuration.hostID).description,
        ]
    }

    /// The retained STATE message `{"online":…,"timestamp":…}` at QoS 1: with `online: true` published after
    /// connecting, with `online: false` (and the same timestamp) registered as the MQTT will and published
    /// before a clean disconnect.
    public func stateMessage(online: Bool, timestamp: Int64) -> SparkplugOutgoingMessage {
        SparkplugOutgoingMessage(
            topic: SparkplugTopic.state(hostID: configuration.hostID).description,
            payload: Array(#"{"online":\#(online),"timestamp":\#(timestamp)}"#.utf8),
            qos: 1,
            retain: true)
    }

    /// Records that the host connected at `timestamp` and returns the online STATE to publish.
    public mutating func hostOnline(at timestamp: Int64) -> SparkplugOutgoingMessage {
        hostBirthTimestamp = timestamp
        return stateMessage(online: true, timestamp: timestamp)
    }

    /// Records that the host is disconnecting and returns the offline STATE to publish first.
    public mutating func hostOffline() -> SparkplugOutgoingMessage {
        defer { hostBirthTimestamp = nil }
        return stateMessage(online: false, timestamp: hostBirthTimestamp ?? 0)
    }

    /// Another host's STATE is none of this host's business; its own STATE read as offline while it is online
    /// (an old will delivered late) is answered by publishing the online STATE again.
    mutating func receiveState(hostID: String, payload: [UInt8]) -> [SparkplugHostAction] {
        let topic = SparkplugTopic.state(hostID: hostID).description
        guard hostID == configuration.hostID else {
            return [.note(.messageIgnored(topic: topic, reason: "the STATE of another host application"))]
        }
        let state: SparkplugHostState
        do {
            state = try SparkplugHostState(json: payload)
        } catch {
            return [.note(.messageIgnored(topic: topic, reason: error.message))]
        }
        guard !state.online, let birth = hostBirthTimestamp else { return [] }
        return [.publish(stateMessage(online: true, timestamp: birth))]
    }
}

/// The JSON body of a STATE message.
public struct SparkplugHostState: Hashable, Sendable, Codable {
    public var online: Bool
    /// Milliseconds since the Unix epoch at which the host connected.
    public var timestamp: Int64

    public init(online: Bool, timestamp: Int64) {
        self.online = online
        self.timestamp = timestamp
    }

    /// Parses a STATE payload, with an error that shows the expected shape.
    public init(json: [UInt8]) throws(SparkplugError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json))
        } catch {
            throw SparkplugError(
                .malformedState,
                #"STATE payload is not {"online": bool, "timestamp": ms}: \#(String(decoding: json, as: UTF8.self))"#)
        }
    }
}
