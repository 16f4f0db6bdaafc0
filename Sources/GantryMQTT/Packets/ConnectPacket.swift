import NIOCore

/// CONNECT (§3.1): the first packet of every connection, naming the client, its session and its will.
public struct ConnectPacket: Sendable, Equatable {
    /// The message the broker publishes for the client when it goes away without DISCONNECT.
    public struct Will: Sendable, Equatable {
        public var topic: String
        public var payload: ByteBuffer
        public var qos: QoS
        public var retain: Bool
        /// Will delay, message expiry, content type, response topic… (MQTT 5 only).
        public var properties: Properties

        public init(
            topic: String, payload: ByteBuffer, qos: QoS = .atMostOnce, retain: Bool = false,
            properties: Properties = Properties()
        ) {
            self.topic = topic
            self.payload = payload
            self.qos = qos
            self.retain = retain
            self.properties = properties
        }
    }

    public var version: ProtocolVersion
    /// Empty means "assign one" (only allowed with clean start in 3.1.1 [MQTT-3.1.3-7]).
    public var clientID: String
    /// 3.1.1 Clean Session / 5.0 Clean Start.
    public var cleanStart: Bool
    /// Seconds; 0 turns keep-alive off.
    public var keepAlive: UInt16
    public var username: String?
    public var password: [UInt8]?
    public var will: Will?
    public var properties: Properties

    public init(
        version: ProtocolVersion, clientID: String, cleanStart: Bool = true, keepAlive: UInt16 = 60,
        username: String? = nil, password: [UInt8]? = nil, will: Will? = nil,
        properties: Properties = Properties()
    ) {
        self.version = version
        self.clientID = clientID
        self.cleanStart = cleanStart
        self.keepAlive = keepAlive
        self.username = username
        self.password = password
        self.will = will
        self.properties = properties
    }
}

extension ConnectPacket {
    static func decode(_ body: inout ByteBuffer) throws(MQTTPacketError) -> ConnectPacket {
        let name = try body.readMQTTString("protocol name")
        let level = try body.readMQTTByte("protocol level")
        guard name == "MQTT" || name == "MQIsdp" else {
            throw .malformed("protocol name '\(name)' is not MQTT [MQTT-3.1.2-1]")
        }
        guard name == "MQTT", let version = ProtocolVersion(rawValue: level) else {
            throw MQTTPacketError(
                .unsupportedVersion, .unsupportedProtocolVersion,
                "protocol level \(level) is not 4 (3.1.1) or 5 (5.0) [MQTT-3.1.2-2]")
        }
        let flags = try body.readMQTTByte("connect flags")
        guard flags & 0x01 == 0 else { throw .malformed("connect flags: reserved bit set [MQTT-3.1.2-3]") }
        let hasWill = flags & 0x04 != 0
        let willQoSBits = (flags >> 3) & 0x03
        let willRetain = flags & 0x20 != 0
        let hasPassword = flags & 0x40 != 0
        let hasUsername = flags & 0x80 != 0
        guard let willQoS = QoS(rawValue: willQoSBits) else { throw .malformed("will QoS 3 [MQTT-3.1.2-12]") }
        if !hasWill, willQoSBits != 0 || willRetain {
            throw .malformed("will QoS or retain set without a will [MQTT-3.1.2-11], [MQTT-3.1.2-13]")
        }
        if version == .v311, hasPassword, !hasUsername {
            throw .malformed("password flag without user name flag [MQTT-3.1.2-22]")
        }
        let keepAlive = try body.readMQTTUInt16("keep alive")
        let properties = version == .v5 ? try Properties.read(from: &body, context: .connect) : Properties()
        let clientID = try body.readMQTTString("client identifier")
        var will: Will?
        if hasWill {
            let willProperties = version == .v5 ? try Properties.read(from: &body, context: .will) : Properties()
            let topic = try body.readMQTTString("will topic")
            let length = Int(try body.readMQTTUInt16("will payload"))
            guard let payload = body.readSlice(length: length) else {
                throw .malformed("will payload runs past the packet")
            }
            will = Will(topic: topic, payload: payload, qos: willQoS, retain: willRetain, properties: willProperties)
        }
        let username = hasUsername ? try body.readMQTTString("user name") : nil
        let password = hasPassword ? try body.readMQTTBinary("password") : nil
        guard body.readableBytes == 0 else {
            throw .malformed("CONNECT has \(body.readableBytes) bytes after its payload")
        }
        return ConnectPacket(
            version: version, clientID: clientID, cleanStart: flags & 0x02 != 0, keepAlive: keepAlive,
            username: username, password: password, will: will, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeMQTTString("MQTT")
        buffer.writeInteger(version.rawValue)
        var flags: UInt8 = cleanStart ? 0x02 : 0
        if let will {
            flags |= 0x04 | (will.qos.rawValue << 3) | (will.retain ? 0x20 : 0)
        }
        if password != nil { flags |= 0x40 }
        if username != nil { flags |= 0x80 }
        buffer.writeInteger(flags)
        buffer.writeInteger(keepAlive)
        if version == .v5 { properties.write(to: &buffer) }
        buffer.writeMQTTString(clientID)
        if let will {
            if version == .v5 { will.properties.write(to: &buffer) }
            buffer.writeMQTTString(will.topic)
            buffer.writeInteger(UInt16(truncatingIfNeeded: will.payload.readableBytes))
            buffer.writeImmutableBuffer(will.payload)
        }
        if let username { buffer.writeMQTTString(username) }
        if let password { buffer.writeMQTTBinary(password) }
    }
}
