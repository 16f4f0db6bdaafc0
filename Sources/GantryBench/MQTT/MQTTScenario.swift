import GantryMQTT

/// One load shape of `gantry bench mqtt`: who publishes to whom, at which QoS, how much.
public struct MQTTScenario: Sendable {
    public enum Shape: String, Sendable {
        /// Many publishers, each on its own topic, one subscriber to all of them (`bench/fan-in/+`).
        case fanIn = "fan-in"
        /// One publisher, many subscribers to its topic.
        case fanOut = "fan-out"
        /// One publisher, one subscriber.
        case oneToOne = "one-to-one"
    }

    public var shape: Shape
    public var qos: QoS
    public var publishers: Int
    public var subscribers: Int
    /// Deliveries (messages received by subscribers) the scenario runs for.
    public var deliveries: Int
    /// Messages one publisher may have out that not every subscriber has received yet: the
    /// end-to-end window that keeps every queue on the path bounded.
    public var window: Int

    public init(shape: Shape, qos: QoS, publishers: Int, subscribers: Int, deliveries: Int, window: Int) {
        self.shape = shape
        self.qos = qos
        self.publishers = publishers
        self.subscribers = subscribers
        self.deliveries = deliveries
        self.window = window
    }

    public var name: String { "\(shape.rawValue) qos\(qos.rawValue) \(publishers)→\(subscribers)" }
    /// How `gantry bench mqtt --scenarios` names it: `fan-in-qos1`.
    public var key: String { "\(shape.rawValue)-qos\(qos.rawValue)" }

    /// Messages each publisher sends so that the subscribers receive `deliveries` in all.
    var messagesPerPublisher: Int { max(1, deliveries / (publishers * subscribers)) }
    var expectedDeliveries: Int { messagesPerPublisher * publishers * subscribers }

    /// The scenarios: fan-in and fan-out at QoS 0 and 1, and one-to-one, each for about
    /// `deliveries` deliveries.
    public static func standard(deliveries: Int) -> [MQTTScenario] {
        [
            MQTTScenario(
                shape: .fanIn, qos: .atMostOnce, publishers: 16, subscribers: 1, deliveries: deliveries, window: 16),
            MQTTScenario(
                shape: .fanIn, qos: .atLeastOnce, publishers: 16, subscribers: 1, deliveries: deliveries, window: 16),
            MQTTScenario(
                shape: .fanOut, qos: .atMostOnce, publishers: 1, subscribers: 16, deliveries: deliveries, window: 32),
            MQTTScenario(
                shape: .fanOut, qos: .atLeastOnce, publishers: 1, subscribers: 16, deliveries: deliveries, window: 32),
            MQTTScenario(
                shape: .oneToOne, qos: .atMostOnce, publishers: 1, subscribers: 1, deliveries: deliveries / 2,
                window: 256),
            MQTTScenario(
                shape: .oneToOne, qos: .atLeastOnce, publishers: 1, subscribers: 1, deliveries: deliveries / 2,
                window: 256),
        ]
    }
}

/// What one scenario measured against one broker.
public struct MQTTScenarioResult: Sendable {
    public var broker: String
    public var scenario: MQTTScenario
    /// Deliveries received, of `expected`; fewer means the broker dropped messages.
    public var delivered: Int
    public var expected: Int
    /// Deliveries per second over the measured part (after the first 10 %).
    public var rate: Double
    public var p50Microseconds: UInt64
    public var p99Microseconds: UInt64
    public var maxMicroseconds: UInt64
    /// CPU seconds the broker process used during the scenario.
    public var brokerCPUSeconds: Double
    /// Publishes the broker refused (QoS 1 PUBACK with a failure code).
    public var refused: Int
    /// Frames the broker sent that the generator did not expect (a DISCONNECT, a malformed PUBLISH).
    public var unexpected: Int = 0
}
