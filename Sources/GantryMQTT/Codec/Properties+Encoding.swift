import NIOCore

extension Properties {
    /// Writes the property length and the properties; an empty set costs one byte.
    func write(to buffer: inout ByteBuffer) {
        if isEmpty {
            buffer.writeInteger(UInt8(0))
            return
        }
        var block = buffer.allocatorLikeScratch()
        writeValues(to: &block)
        buffer.writeVariableByteInteger(UInt32(block.readableBytes))
        buffer.writeImmutableBuffer(block)
    }

    /// The bytes `write(to:)` produces, for packet size checks before encoding.
    var encodedSize: Int {
        if isEmpty { return 1 }
        var block = ByteBufferAllocator().buffer(capacity: 64)
        writeValues(to: &block)
        return variableByteIntegerSize(block.readableBytes) + block.readableBytes
    }

    private func writeValues(to block: inout ByteBuffer) {
        func byte(_ id: UInt8, _ value: UInt8?) {
            guard let value else { return }
            block.writeInteger(id)
            block.writeInteger(value)
        }
        func u16(_ id: UInt8, _ value: UInt16?) {
            guard let value else { return }
            block.writeInteger(id)
            block.writeInteger(value)
        }
        func u32(_ id: UInt8, _ value: UInt32?) {
            guard let value else { return }
            block.writeInteger(id)
            block.writeInteger(value)
        }
        func string(_ id: UInt8, _ value: String?) {
            guard let value else { return }
            block.writeInteger(id)
            block.writeMQTTString(value)
        }
        func binary(_ id: UInt8, _ value: [UInt8]?) {
            guard let value else { return }
            block.writeInteger(id)
            block.writeMQTTBinary(value)
        }
        byte(0x01, payloadFormatIndicator)
        u32(0x02, messageExpiryInterval)
        string(0x03, contentType)
        string(0x08, responseTopic)
        binary(0x09, correlationData)
        for identifier in subscriptionIdentifiers {
            block.writeInteger(UInt8(0x0B))
            block.writeVariableByteInteger(identifier)
        }
        u32(0x11, sessionExpiryInterval)
        string(0x12, assignedClientIdentifier)
        u16(0x13, serverKeepAlive)
        string(0x15, authenticationMethod)
        binary(0x16, authenticationData)
        byte(0x17, requestProblemInformation)
        u32(0x18, willDelayInterval)
        byte(0x19, requestResponseInformation)
        string(0x1A, responseInformation)
        string(0x1C, serverReference)
        string(0x1F, reasonString)
        u16(0x21, receiveMaximum)
        u16(0x22, topicAliasMaximum)
        u16(0x23, topicAlias)
        byte(0x24, maximumQoS)
        byte(0x25, retainAvailable)
        for property in userProperties {
            block.writeInteger(UInt8(0x26))
            block.writeMQTTString(property.name)
            block.writeMQTTString(property.value)
        }
        u32(0x27, maximumPacketSize)
        byte(0x28, wildcardSubscriptionAvailable)
        byte(0x29, subscriptionIdentifierAvailable)
        byte(0x2A, sharedSubscriptionAvailable)
    }
}

extension ByteBuffer {
    /// A small buffer for a nested block that is measured before it is written.
    fileprivate func allocatorLikeScratch() -> ByteBuffer {
        ByteBufferAllocator().buffer(capacity: 64)
    }
}
