import NIOCore

/// PUBLISH (§3.3): one application message, in either direction.
public struct PublishPacket: Sendable, Equatable {
    /// Empty only in MQTT 5 when a topic alias stands for it.
    public var topic: String
    public var payload: ByteBuffer
    public var qos: QoS
    public var retain: Bool
    public var duplicate: Bool
    /// Present exactly when `qos` is above 0 [MQTT-2.2.1-2].
    public var packetID: UInt16?
    public var properties: Properties

    public init(
        topic: String, payload: ByteBuffer, qos: QoS = .atMostOnce, retain: Bool = false,
        duplicate: Bool = false, packetID: UInt16? = nil, properties: Properties = Properties()
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.duplicate = duplicate
        self.packetID = packetID
        self.properties = properties
    }
}

extension PublishPacket {
    static func decode(
        flags: UInt8, _ body: inout ByteBuffer, version: ProtocolVersion
    ) throws(MQTTPacketError)
        -> PublishPacket
    {
        guard let qos = QoS(rawValue: (flags >> 1) & 0x03) else {
            throw .malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4]")
        }
        let duplicate = flags & 0x08 != 0
        if qos == .atMostOnce, duplicate { throw .malformed("DUP set on a QoS 0 PUBLISH [MQTT-3.3.1-2]") }
        let topicLength = Int(try body.readMQTTUInt16("topic name"))
        guard let topicBytes = body.readSlice(length: topicLength) else {
            throw .malformed("topic name runs past the packet")
        }
        let topic = try topicBytes.mqttString("topic name")
        var packetID: UInt16?
        if qos != .atMostOnce {
            let id = try body.readMQTTUInt16("packet identifier")
            guard id != 0 else { throw .malformed("packet identifier 0 [MQTT-2.2.1-3]") }
            packetID = id
        }
        let properties = version == .v5 ? try Properties.read(from: &body, context: .publish) : Properties()
        if topic.isEmpty, properties.topicAlias == nil {
            throw .protocolViolation(
                "PUBLISH without topic name or topic alias [MQTT-3.3.2-1]", code: .topicNameInvalid)
        }
        if topic.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") }) {
            throw .protocolViolation(
                "topic name '\(topic)' contains a wildcard [MQTT-3.3.2-2]", code: .topicNameInvalid)
        }
        return PublishPacket(
            topic: topic, payload: body.readSlice(length: body.readableBytes) ?? ByteBuffer(), qos: qos,
            retain: flags & 0x01 != 0, duplicate: duplicate, packetID: packetID, properties: properties)
    }

    var flags: UInt8 { (duplicate ? 0x08 : 0) | (qos.rawValue << 1) | (retain ? 0x01 : 0) }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        buffer.writeMQTTString(topic)
        if qos != .atMostOnce { buffer.writeInteger(packetID ?? 0) }
        if version == .v5 { properties.write(to: &buffer) }
        buffer.writeImmutableBuffer(payload)
    }
}
