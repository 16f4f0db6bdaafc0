/// The entropy-coded segment's bit stream: bits most significant first, a `00` stuffed after every `FF` byte
/// so no marker appears inside, and the last byte padded with 1 bits (T.81 B.1.1.5, F.1.2.3).
struct JPEGBitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt32 = 0
    private var count = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `length` bits of `bits` (length at most 16).
    mutating func write(_ bits: UInt16, length: Int) {
        guard length > 0 else { return }
        accumulator = (accumulator << UInt32(length)) | (UInt32(bits) & ((1 << UInt32(length)) - 1))
        count += length
        while count >= 8 {
            count -= 8
            let byte = UInt8(truncatingIfNeeded: accumulator >> UInt32(count))
            bytes.append(byte)
            if byte == 0xFF { bytes.append(0x00) }
        }
        accumulator &= (1 << UInt32(count)) - 1
    }

    /// Pads the last byte with 1 bits.
    mutating func finish() {
        if count > 0 { write(UInt16((1 << (8 - count)) - 1), length: 8 - count) }
    }
}
