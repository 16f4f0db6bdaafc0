import NIOSSL

/// How an `MQTTClient` connects and how much it keeps in flight; every field maps to a CONNECT
/// field or a local bound.
public struct MQTTClientConfiguration: Sendable {
    public var version: ProtocolVersion
    /// Empty asks the broker to assign one (MQTT 5, or 3.1.1 with a clean start).
    public var clientID: String
    /// 3.1.1 Clean Session / 5.0 Clean Start.
    public var cleanStart: Bool
    /// Seconds; the client sends PINGREQ when it has sent nothing for about this long. 0 turns it off.
    /// An MQTT 5 broker's Server Keep Alive overrides it.
    public var keepAlive: UInt16
    public var username: String?
    public var password: [UInt8]?
    public var will: ConnectPacket.Will?
    /// Seconds the session outlives the connection (MQTT 5); 3.1.1 keeps it exactly when `cleanStart` is false.
    public var sessionExpiry: UInt32?
    /// How many QoS 1/2 messages the broker may send this client unacknowledged (MQTT 5).
    public var receiveMaximum: UInt16?
    /// How many topic aliases the broker may use towards this client (MQTT 5).
    public var topicAliasMaximum: UInt16?
    /// QoS 1/2 publishes awaiting acknowledgement at once; the broker's Receive Maximum lowers it.
    public var maximumInFlight: Int
    /// Publishes waiting for a free in-flight slot; beyond it `publish` fails with `.queueFull`.
    public var maximumQueued: Int
    /// Inbound messages the `messages` stream buffers for a slow reader; beyond it they are
    /// dropped and counted (`droppedMessages`). Not used with a message callback.
    public var messageBufferLimit: Int
    /// The largest packet the client accepts from the broker, in bytes.
    public var maximumPacketSize: Int
    /// How long the TCP connect plus CONNACK may take.
    public var connectTimeout: Duration
    /// TLS towards the broker (`mqtts://`, port 8883 by convention), with the trust roots and, for
    /// mutual TLS, the client's certificate and key; `nil` for plain TCP.
    public var tls: TLSConfiguration?
    /// The name the broker's certificate must carry (and the SNI sent); defaults to the host connected to.
    public var tlsServerHostname: String?

    public init(
        version: ProtocolVersion = .v5, clientID: String, cleanStart: Bool = true, keepAlive: UInt16 = 60,
        username: String? = nil, password: [UInt8]? = nil, will: ConnectPacket.Will? = nil,
        sessionExpiry: UInt32? = nil, receiveMaximum: UInt16? = nil, topicAliasMaximum: UInt16? = nil,
        maximumInFlight: Int = 64, maximumQueued: Int = 10_000, messageBufferLimit: Int = 10_000,
        maximumPacketSize: Int = 1 << 20, connectTimeout: Duration = .seconds(10), tls: TLSConfiguration? = nil,
        tlsServerHostname: String? = nil
    ) {
        self.version = version
        self.clientID = clientID
        self.cleanStart = cleanStart
        self.keepAlive = keepAlive
        self.username = username
        self.password = password
        self.will = will
        self.sessionExpiry = sessionExpiry
        self.receiveMaximum = receiveMaximum
        self.topicAliasMaximum = topicAliasMaximum
        self.maximumInFlight = maximumInFlight
        self.maximumQueued = maximumQueued
        self.messageBufferLimit = messageBufferLimit
        self.maximumPacketSize = maximumPacketSize
        self.connectTimeout = connectTimeout
        self.tls = tls
        self.tlsServerHostname = tlsServerHostname
    }

    /// The CONNECT packet this configuration sends.
    var connectPacket: ConnectPacket {
        var properties = Properties()
        if version == .v5 {
            properties.sessionExpiryInterval = sessionExpiry
            properties.receiveMaximum = receiveMaximum
            properties.topicAliasMaximum = topicAliasMaximum
            properties.maximumPacketSize = UInt32(clamping: maximumPacketSize)
        }
        return ConnectPacket(
            version: version, clientID: clientID, cleanStart: cleanStart, keepAlive: keepAlive, username: username,
            password: password, will: will, properties: properties)
    }
}
