import NIOCore

/// DISCONNECT (§3.14): a clean goodbye from the client, or (MQTT 5) the server's reason for closing.
public struct DisconnectPacket: Sendable, Equatable {
    public var reasonCode: ReasonCode
    public var properties: Properties

    public init(reasonCode: ReasonCode = .success, properties: Properties = Properties()) {
        self.reasonCode = reasonCode
        self.properties = properties
    }
}

extension DisconnectPacket {
    static func decode(_ body: inout ByteBuffer, version: ProtocolVersion) throws(MQTTPacketError) -> DisconnectPacket {
        guard version == .v5 else {
            guard body.readableBytes == 0 else { throw .malformed("DISCONNECT with a body in 3.1.1") }
            return DisconnectPacket()
        }
        guard body.readableBytes > 0 else { return DisconnectPacket() }
        let code = ReasonCode(rawValue: try body.readMQTTByte("reason code"))
        let properties = body.readableBytes > 0 ? try Properties.read(from: &body, context: .disconnect) : Properties()
        guard body.readableBytes == 0 else { throw .malformed("DISCONNECT has bytes after its properties") }
        return DisconnectPacket(reasonCode: code, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        guard version == .v5, reasonCode != .success || !properties.isEmpty else { return }
        buffer.writeInteger(reasonCode.rawValue)
        if !properties.isEmpty { properties.write(to: &buffer) }
    }
}
