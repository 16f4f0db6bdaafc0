import NIOCore

/// AUTH (§3.15, MQTT 5 only): extended authentication exchange. Gantry offers no extended
/// method, so a client that starts one is answered with 0x8C (bad authentication method).
public struct AuthPacket: Sendable, Equatable {
    public var reasonCode: ReasonCode
    public var properties: Properties

    public init(reasonCode: ReasonCode = .success, properties: Properties = Properties()) {
        self.reasonCode = reasonCode
        self.properties = properties
    }
}

extension AuthPacket {
    static func decode(_ body: inout ByteBuffer, version: ProtocolVersion) throws(MQTTPacketError) -> AuthPacket {
        guard version == .v5 else { throw .malformed("AUTH is not an MQTT 3.1.1 packet") }
        guard body.readableBytes > 0 else { return AuthPacket() }
        let code = ReasonCode(rawValue: try body.readMQTTByte("reason code"))
        let properties = body.readableBytes > 0 ? try Properties.read(from: &body, context: .auth) : Properties()
        guard body.readableBytes == 0 else { throw .malformed("AUTH has bytes after its properties") }
        return AuthPacket(reasonCode: code, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer) {
        guard reasonCode != .success || !properties.isEmpty else { return }
        buffer.writeInteger(reasonCode.rawValue)
        if !properties.isEmpty { properties.write(to: &buffer) }
    }
}
