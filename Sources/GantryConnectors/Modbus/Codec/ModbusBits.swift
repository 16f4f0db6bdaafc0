/// Packing of coils and discrete inputs into bytes as Modbus sends them: eight per byte, the lowest address in
/// the least significant bit, the last byte padded with zeros.
enum ModbusBits {
    static func pack(_ bits: [Bool]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit {
            bytes[index / 8] |= 1 << UInt8(index % 8)
        }
        return bytes
    }

    /// All `bytes.count * 8` bits; the caller knows how many it asked for.
    static func unpack(_ bytes: some Sequence<UInt8>) -> [Bool] {
        bytes.flatMap { byte in (0..<8).map { byte & (1 << UInt8($0)) != 0 } }
    }
}
