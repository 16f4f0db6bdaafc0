import NIOCore

/// The primitive data types of MQTT (§1.5): integers, Variable Byte Integers, UTF-8 strings and
/// binary data, read with a clear malformed-packet error instead of a silent `nil`.
extension ByteBuffer {
    mutating func readMQTTByte(_ field: StaticString) throws(MQTTPacketError) -> UInt8 {
        guard let value = readInteger(as: UInt8.self) else { throw .malformed("\(field): packet ends early") }
        return value
    }

    mutating func readMQTTUInt16(_ field: StaticString) throws(MQTTPacketError) -> UInt16 {
        guard let value = readInteger(as: UInt16.self) else { throw .malformed("\(field): packet ends early") }
        return value
    }

    mutating func readMQTTUInt32(_ field: StaticString) throws(MQTTPacketError) -> UInt32 {
        guard let value = readInteger(as: UInt32.self) else { throw .malformed("\(field): packet ends early") }
        return value
    }

    mutating func readMQTTInt64(_ field: StaticString) throws(MQTTPacketError) -> Int64 {
        guard let value = readInteger(as: Int64.self) else { throw .malformed("\(field): data ends early") }
        return value
    }

    /// Reads a Variable Byte Integer (§1.5.5): at most four bytes, seven bits each.
    mutating func readVariableByteInteger(_ field: StaticString) throws(MQTTPacketError) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        for _ in 0..<4 {
            let byte = try readMQTTByte(field)
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw .malformed("\(field): variable byte integer longer than four bytes [MQTT-1.5.5]")
    }

    /// Reads a UTF-8 Encoded String (§1.5.4): well-formed UTF-8 without U+0000 [MQTT-1.5.4-1], [MQTT-1.5.4-2].
    mutating func readMQTTString(_ field: StaticString) throws(MQTTPacketError) -> String {
        let length = Int(try readMQTTUInt16(field))
        guard let view = readSlice(length: length) else { throw .malformed("\(field): string runs past the packet") }
        return try view.mqttString(field)
    }

    /// Reads Binary Data (§1.5.6): a two-byte length and that many bytes.
    mutating func readMQTTBinary(_ field: StaticString) throws(MQTTPacketError) -> [UInt8] {
        let length = Int(try readMQTTUInt16(field))
        guard let bytes = readBytes(length: length) else { throw .malformed("\(field): data runs past the packet") }
        return bytes
    }

    /// The readable bytes as an MQTT string, refusing ill-formed UTF-8 and U+0000.
    func mqttString(_ field: StaticString) throws(MQTTPacketError) -> String {
        let decoded: String? = withUnsafeReadableBytes { raw in
            if raw.contains(0) { return nil }
            return String(validating: raw, as: UTF8.self)
        }
        guard let decoded else {
            throw .malformed("\(field): not well-formed UTF-8 or contains U+0000 [MQTT-1.5.4-1], [MQTT-1.5.4-2]")
        }
        return decoded
    }

    @discardableResult
    mutating func writeVariableByteInteger(_ value: UInt32) -> Int {
        var remaining = value
        var written = 0
        repeat {
            var byte = UInt8(remaining & 0x7F)
            remaining >>= 7
            if remaining > 0 { byte |= 0x80 }
            writeInteger(byte)
            written += 1
        } while remaining > 0
        return written
    }

    mutating func writeMQTTString(_ value: String) {
        let lengthIndex = writerIndex
        writeInteger(UInt16(0))
        let count = writeString(value)
        setInteger(UInt16(truncatingIfNeeded: count), at: lengthIndex)
    }

    mutating func writeMQTTBinary(_ value: [UInt8]) {
        writeInteger(UInt16(truncatingIfNeeded: value.count))
        writeBytes(value)
    }
}

/// The number of bytes a Variable Byte Integer takes for `value`.
@inline(__always)
func variableByteIntegerSize(_ value: Int) -> Int {
    switch value {
    case ..<128: 1
    case ..<16_384: 2
    case ..<2_097_152: 3
    default: 4
    }
}

/// The largest value a Variable Byte Integer holds: the limit on a packet's remaining length.
let maximumVariableByteInteger = 268_435_455  // a packet is at most this plus 5 header bytes
