/// Word and byte order: turns a point's registers into the value's bytes, most significant first, and back.
/// The four orders of a 32-bit value ABCD: big/big = ABCD, little words = CDAB, little bytes = BADC, both = DCBA.
struct ModbusRegisterLayout {
    let wordOrder: ModbusWordOrder
    let byteOrder: ModbusByteOrder

    /// The value's bytes, most significant first, from registers as the device sent them.
    func bytes(from registers: some Collection<UInt16>) -> [UInt8] {
        let words: [UInt16] = wordOrder == .bigEndian ? Array(registers) : registers.reversed()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 2)
        for word in words {
            let high = UInt8(word >> 8)
            let low = UInt8(truncatingIfNeeded: word)
            if byteOrder == .bigEndian {
                bytes.append(high)
                bytes.append(low)
            } else {
                bytes.append(low)
                bytes.append(high)
            }
        }
        return bytes
    }

    /// Registers to send, from the value's bytes, most significant first (an even count).
    func registers(from bytes: [UInt8]) -> [UInt16] {
        let words = stride(from: 0, to: bytes.count - 1, by: 2).map { (index: Int) -> UInt16 in
            let (high, low) =
                byteOrder == .bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            return UInt16(high) << 8 | UInt16(low)
        }
        return wordOrder == .bigEndian ? words : words.reversed()
    }

    /// The bytes as one unsigned integer, big-endian.
    static func integer(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// `integer`'s lowest `count` bytes, most significant first.
    static func bytes(of integer: UInt64, count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: integer >> (8 * UInt64($0))) }
    }
}
