import NIOCore

/// PUBACK, PUBREC, PUBREL and PUBCOMP (§3.4–3.7): the QoS 1 and QoS 2 handshakes share this layout.
public struct PublishAcknowledgement: Sendable, Equatable {
    public var packetID: UInt16
    public var reasonCode: ReasonCode
    public var properties: Properties

    public init(packetID: UInt16, reasonCode: ReasonCode = .success, properties: Properties = Properties()) {
        self.packetID = packetID
        self.reasonCode = reasonCode
        self.properties = properties
    }
}

extension PublishAcknowledgement {
    static func decode(
        _ body: inout ByteBuffer, version: ProtocolVersion
    ) throws(MQTTPacketError)
        -> PublishAcknowledgement
    {
        let id = try body.readMQTTUInt16("packet identifier")
        guard id != 0 else { throw .malformed("packet identifier 0 [MQTT-2.2.1-3]") }
        guard version == .v5, body.readableBytes > 0 else {
            guard body.readableBytes == 0 else { throw .malformed("acknowledgement longer than 2 bytes in 3.1.1") }
            return PublishAcknowledgement(packetID: id)
        }
        let code = ReasonCode(rawValue: try body.readMQTTByte("reason code"))
        // A remaining length of 3 leaves the properties out [MQTT-3.4.2.2].
        let properties = body.readableBytes > 0 ? try Properties.read(from: &body, context: .puback) : Properties()
        guard body.readableBytes == 0 else { throw .malformed("acknowledgement has bytes after its properties") }
        return PublishAcknowledgement(packetID: id, reasonCode: code, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        buffer.writeInteger(packetID)
        guard version == .v5, reasonCode != .success || !properties.isEmpty else { return }
        buffer.writeInteger(reasonCode.rawValue)
        if !properties.isEmpty { properties.write(to: &buffer) }
    }
}
