import NIOCore

/// SUBACK and UNSUBACK (§3.9, §3.11): one reason code per requested filter, in order.
///
/// UNSUBACK carries no reason codes in 3.1.1; `reasonCodes` is then empty after decoding.
public struct SubscriptionAcknowledgement: Sendable, Equatable {
    public var packetID: UInt16
    public var reasonCodes: [ReasonCode]
    public var properties: Properties

    public init(packetID: UInt16, reasonCodes: [ReasonCode], properties: Properties = Properties()) {
        self.packetID = packetID
        self.reasonCodes = reasonCodes
        self.properties = properties
    }
}

extension SubscriptionAcknowledgement {
    static func decode(
        _ body: inout ByteBuffer, version: ProtocolVersion, unsubscribe: Bool
    ) throws(MQTTPacketError)
        -> SubscriptionAcknowledgement
    {
        let id = try body.readMQTTUInt16("packet identifier")
        let properties =
            version == .v5 ? try Properties.read(from: &body, context: unsubscribe ? .unsuback : .suback) : Properties()
        if version == .v311, unsubscribe, body.readableBytes > 0 {
            throw .malformed("UNSUBACK has a payload in 3.1.1")
        }
        var codes: [ReasonCode] = []
        while body.readableBytes > 0 {
            let raw = try body.readMQTTByte("reason code")
            // 3.1.1 SUBACK knows 0x00–0x02 and 0x80 for failure (the same bytes in 5.0) [MQTT-3.9.3-2].
            if version == .v311, raw > 0x02, raw != 0x80 {
                throw .malformed("SUBACK return code 0x\(String(raw, radix: 16)) is reserved [MQTT-3.9.3-2]")
            }
            codes.append(ReasonCode(rawValue: raw))
        }
        return SubscriptionAcknowledgement(packetID: id, reasonCodes: codes, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion, unsubscribe: Bool) {
        buffer.writeInteger(packetID)
        if version == .v5 {
            properties.write(to: &buffer)
        } else if unsubscribe {
            return
        }
        for code in reasonCodes {
            // 3.1.1 knows only 0x00–0x02 and 0x80 [MQTT-3.9.3-2].
            buffer.writeInteger(version == .v5 || !code.isFailure ? code.rawValue : 0x80)
        }
    }
}
