/// The broker's limits and choices; every default is what protects a plant network.
public struct MQTTBrokerConfiguration: Sendable {
    /// Upper bound on the keep-alive a client may ask for, in seconds (MQTT 5 Server Keep Alive).
    /// A 5.0 client asking for more, or for none, is told this value in CONNACK.
    public var serverKeepAliveCap: UInt16 = 60
    /// How many QoS 1/2 publications one client may have unacknowledged towards the broker;
    /// exceeding it ends the connection with 0x93.
    public var receiveMaximum: UInt16 = 1024
    /// The largest packet the broker accepts, in bytes; larger ones end the connection with 0x95.
    public var maximumPacketSize: Int = 1 << 20
    /// How many topic aliases a client may set towards the broker.
    public var topicAliasMaximum: UInt16 = 64
    /// Upper bound on a session's expiry interval, in seconds; `UInt32.max` lets sessions live forever.
    public var maximumSessionExpiry: UInt32 = 7 * 24 * 3600
    /// Messages queued per session while its window is full or its client is away; beyond it
    /// new messages for that session are dropped and counted.
    public var sessionQueueLimit: Int = 10_000
    /// Retained messages the broker keeps at most; further new topics are refused (0x97).
    public var retainedMessageLimit: Int = 1_000_000
    /// Seconds between `$SYS/broker/…` statistics publications; 0 turns them off.
    public var statisticsInterval: Int = 10

    public init() {}
}
