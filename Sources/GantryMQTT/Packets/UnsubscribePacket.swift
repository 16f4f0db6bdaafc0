import NIOCore

/// UNSUBSCRIBE (§3.10): topic filters to remove, matched character by character [MQTT-3.10.4-1].
public struct UnsubscribePacket: Sendable, Equatable {
    public var packetID: UInt16
    public var filters: [String]
    public var properties: Properties

    public init(packetID: UInt16, filters: [String], properties: Properties = Properties()) {
        self.packetID = packetID
        self.filters = filters
        self.properties = properties
    }
}

extension UnsubscribePacket {
    static func decode(_ body: inout ByteBuffer, version: ProtocolVersion) throws(MQTTPacketError) -> UnsubscribePacket
    {
        let id = try body.readMQTTUInt16("packet identifier")
        guard id != 0 else { throw .malformed("packet identifier 0 [MQTT-2.2.1-3]") }
        let properties = version == .v5 ? try Properties.read(from: &body, context: .unsubscribe) : Properties()
        var filters: [String] = []
        while body.readableBytes > 0 { filters.append(try body.readMQTTString("topic filter")) }
        guard !filters.isEmpty else { throw .protocolViolation("UNSUBSCRIBE without a topic filter [MQTT-3.10.3-2]") }
        return UnsubscribePacket(packetID: id, filters: filters, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        buffer.writeInteger(packetID)
        if version == .v5 { properties.write(to: &buffer) }
        for filter in filters { buffer.writeMQTTString(filter) }
    }
}
