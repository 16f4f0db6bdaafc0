import NIOCore

/// SUBSCRIBE (§3.8): topic filters with the options the client wants for each.
public struct SubscribePacket: Sendable, Equatable {
    public struct Request: Sendable, Equatable {
        /// The filter as sent; the broker validates it and answers 0x8F per filter if invalid.
        public var filter: String
        public var options: SubscriptionOptions

        public init(filter: String, options: SubscriptionOptions) {
            self.filter = filter
            self.options = options
        }
    }

    public var packetID: UInt16
    public var requests: [Request]
    /// Subscription identifier (at most one) and user properties.
    public var properties: Properties

    public init(packetID: UInt16, requests: [Request], properties: Properties = Properties()) {
        self.packetID = packetID
        self.requests = requests
        self.properties = properties
    }
}

extension SubscribePacket {
    static func decode(_ body: inout ByteBuffer, version: ProtocolVersion) throws(MQTTPacketError) -> SubscribePacket {
        let id = try body.readMQTTUInt16("packet identifier")
        guard id != 0 else { throw .malformed("packet identifier 0 [MQTT-2.2.1-3]") }
        let properties = version == .v5 ? try Properties.read(from: &body, context: .subscribe) : Properties()
        var requests: [Request] = []
        while body.readableBytes > 0 {
            let filter = try body.readMQTTString("topic filter")
            let byte = try body.readMQTTByte("subscription options")
            let reservedMask: UInt8 = version == .v5 ? 0xC0 : 0xFC
            guard byte & reservedMask == 0 else {
                throw .malformed("subscription options: reserved bits set [MQTT-3.8.3-5]")
            }
            guard let qos = QoS(rawValue: byte & 0x03) else { throw .malformed("subscription QoS 3 [MQTT-3-8.3-4]") }
            guard let handling = SubscriptionOptions.RetainHandling(rawValue: (byte >> 4) & 0x03) else {
                throw .protocolViolation("retain handling 3 [MQTT-3.8.3.1]")
            }
            let options = SubscriptionOptions(
                qos: qos, noLocal: byte & 0x04 != 0, retainAsPublished: byte & 0x08 != 0, retainHandling: handling)
            requests.append(Request(filter: filter, options: options))
        }
        guard !requests.isEmpty else { throw .protocolViolation("SUBSCRIBE without a topic filter [MQTT-3.8.3-3]") }
        return SubscribePacket(packetID: id, requests: requests, properties: properties)
    }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        buffer.writeInteger(packetID)
        if version == .v5 { properties.write(to: &buffer) }
        for request in requests {
            buffer.writeMQTTString(request.filter)
            var byte = request.options.qos.rawValue
            if version == .v5 {
                byte |= (request.options.noLocal ? 0x04 : 0) | (request.options.retainAsPublished ? 0x08 : 0)
                byte |= request.options.retainHandling.rawValue << 4
            }
            buffer.writeInteger(byte)
        }
    }
}
