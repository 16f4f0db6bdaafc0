import NIOCore

extension Properties {
    /// Reads a property block: its Variable Byte Integer length, then the properties (§2.2.2).
    ///
    /// Identifiers not allowed in `context`, or values of the wrong type, make the packet
    /// malformed; a property repeated where the specification allows it once, or a value out
    /// of its range, is a protocol error.
    static func read(from buffer: inout ByteBuffer, context: PropertyContext) throws(MQTTPacketError) -> Properties {
        let length = Int(try buffer.readVariableByteInteger("property length"))
        guard var block = buffer.readSlice(length: length) else {
            throw .malformed("property length \(length) runs past the packet")
        }
        var properties = Properties()
        var seen: UInt64 = 0
        while block.readableBytes > 0 {
            let identifier = UInt8(truncatingIfNeeded: try block.readVariableByteInteger("property identifier"))
            guard identifier < 64, context.allows(identifier) else {
                throw .malformed("property 0x\(String(identifier, radix: 16)) is not allowed in \(context)")
            }
            let bit: UInt64 = 1 << identifier
            if seen & bit != 0, identifier != 0x26, !(identifier == 0x0B && context == .publish) {
                throw .protocolViolation("property 0x\(String(identifier, radix: 16)) appears more than once")
            }
            seen |= bit
            try properties.readValue(identifier, from: &block)
        }
        return properties
    }

    private mutating func readValue(_ identifier: UInt8, from block: inout ByteBuffer) throws(MQTTPacketError) {
        switch identifier {
        case 0x01:
            payloadFormatIndicator = try Self.flag(
                block.readMQTTByte("payload format indicator"), "payload format indicator")
        case 0x02: messageExpiryInterval = try block.readMQTTUInt32("message expiry interval")
        case 0x03: contentType = try block.readMQTTString("content type")
        case 0x08: responseTopic = try block.readMQTTString("response topic")
        case 0x09: correlationData = try block.readMQTTBinary("correlation data")
        case 0x0B:
            let identifier = try block.readVariableByteInteger("subscription identifier")
            guard identifier > 0 else { throw .protocolViolation("subscription identifier 0 [MQTT-3.8.2.1.2]") }
            subscriptionIdentifiers.append(identifier)
        case 0x11: sessionExpiryInterval = try block.readMQTTUInt32("session expiry interval")
        case 0x12: assignedClientIdentifier = try block.readMQTTString("assigned client identifier")
        case 0x13: serverKeepAlive = try block.readMQTTUInt16("server keep alive")
        case 0x15: authenticationMethod = try block.readMQTTString("authentication method")
        case 0x16: authenticationData = try block.readMQTTBinary("authentication data")
        case 0x17:
            requestProblemInformation = try Self.flag(
                block.readMQTTByte("request problem information"), "request problem information")
        case 0x18: willDelayInterval = try block.readMQTTUInt32("will delay interval")
        case 0x19:
            requestResponseInformation = try Self.flag(
                block.readMQTTByte("request response information"), "request response information")
        case 0x1A: responseInformation = try block.readMQTTString("response information")
        case 0x1C: serverReference = try block.readMQTTString("server reference")
        case 0x1F: reasonString = try block.readMQTTString("reason string")
        case 0x21:
            let value = try block.readMQTTUInt16("receive maximum")
            guard value > 0 else { throw .protocolViolation("receive maximum 0 [MQTT-3.1.2.11.3]") }
            receiveMaximum = value
        case 0x22: topicAliasMaximum = try block.readMQTTUInt16("topic alias maximum")
        case 0x23: topicAlias = try block.readMQTTUInt16("topic alias")
        case 0x24: maximumQoS = try Self.flag(block.readMQTTByte("maximum qos"), "maximum qos")
        case 0x25: retainAvailable = try Self.flag(block.readMQTTByte("retain available"), "retain available")
        case 0x26:
            let name = try block.readMQTTString("user property name")
            let value = try block.readMQTTString("user property value")
            userProperties.append(UserProperty(name, value))
        case 0x27:
            let value = try block.readMQTTUInt32("maximum packet size")
            guard value > 0 else { throw .protocolViolation("maximum packet size 0 [MQTT-3.1.2.11.4]") }
            maximumPacketSize = value
        case 0x28:
            wildcardSubscriptionAvailable = try Self.flag(
                block.readMQTTByte("wildcard subscription available"), "wildcard subscription available")
        case 0x29:
            subscriptionIdentifierAvailable = try Self.flag(
                block.readMQTTByte("subscription identifier available"), "subscription identifier available")
        case 0x2A:
            sharedSubscriptionAvailable = try Self.flag(
                block.readMQTTByte("shared subscription available"), "shared subscription available")
        default: throw .malformed("unknown property 0x\(String(identifier, radix: 16))")
        }
    }

    /// A one-byte property that is 0 or 1; anything else is a protocol error.
    private static func flag(_ value: UInt8, _ field: StaticString) throws(MQTTPacketError) -> UInt8 {
        guard value <= 1 else { throw .protocolViolation("\(field) must be 0 or 1, got \(value)") }
        return value
    }
}
