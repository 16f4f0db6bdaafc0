/// Appends values bit by bit, most significant bit first, into a byte buffer.
///
/// The Gorilla encodings spend single bits on the common case (an unchanged value, a regular interval),
/// so chunks are written as a bit stream rather than bytes.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits used in the last byte (0 means the last byte is full or there is none).
    private var usedInLastByte = 0

    /// How many bits have been written.
    var bitCount: Int { bytes.count * 8 - (usedInLastByte == 0 ? 0 : 8 - usedInLastByte) }

    init(reservingBytes: Int = 0) {
        bytes.reserveCapacity(reservingBytes)
    }

    /// Appends one bit.
    mutating func write(bit: Bool) {
        if usedInLastByte == 0 { bytes.append(0) }
        if bit { bytes[bytes.count - 1] |= 0x80 >> UInt8(usedInLastByte) }
        usedInLastByte = (usedInLastByte + 1) & 7
    }

    /// Appends the low `count` bits of `value` (0…64), most significant first.
    /// - Complexity: O(count / 8).
    mutating func write(_ value: UInt64, bits count: Int) {
        precondition((0...64).contains(count), "bit count \(count) out of range")
        var remaining = count
        while remaining > 0 {
            if usedInLastByte == 0 { bytes.append(0) }
            let free = 8 - usedInLastByte
            let take = min(free, remaining)
            let shifted = (value >> UInt64(remaining - take)) & ((1 << UInt64(take)) - 1)
            bytes[bytes.count - 1] |= UInt8(shifted) << UInt8(free - take)
            usedInLastByte = (usedInLastByte + take) & 7
            remaining -= take
        }
    }
}
