import GantryControl
import GantryMQTT
import NIOCore

/// Where the control service's messages to devices go: the built-in broker. Publishing never waits.
public protocol ControlOutlet: Sendable {
    func publish(_ topic: ControlTopic, _ payload: [UInt8], qos: QoS)
}

extension MQTTBroker: ControlOutlet {
    public func publish(_ topic: ControlTopic, _ payload: [UInt8], qos: QoS) {
        publish(
            ApplicationMessage(topic: topic.description, payload: ByteBuffer(bytes: payload), qos: qos, retain: false))
    }
}

/// Device messages on the control road (reports, heartbeat echoes), handed from the broker's event loops
/// to the control service. It exists before either, so the broker can be built first.
public final class ControlInbox: Sendable {
    public struct Message: Sendable {
        public let topic: ControlTopic
        public let payload: [UInt8]
    }

    let messages: AsyncStream<Message>
    private let continuation: AsyncStream<Message>.Continuation

    public init() {
        // Reports are few (one or two per command) and echoes five a second per session; a flood from a
        // broken device is cut here rather than queued without end.
        (messages, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingNewest(10_000))
    }

    func deliver(_ topic: ControlTopic, _ payload: [UInt8]) {
        continuation.yield(Message(topic: topic, payload: payload))
    }
}

/// A device on the control road: its enterprise and name, as in its topics.
struct DeviceAddress: Hashable, Sendable, CustomStringConvertible {
    let enterprise: String
    let name: String

    init(enterprise: String, name: String) {
        self.enterprise = enterprise
        self.name = name
    }

    /// From the stored form `ENTERPRISE/NAME`.
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        self.init(enterprise: String(parts[0]), name: String(parts[1]))
    }

    var description: String { "\(enterprise)/\(name)" }

    func topic(_ kind: ControlTopic.Kind) -> ControlTopic {
        ControlTopic(enterprise: enterprise, device: name, kind: kind)
    }
}
