/// XOR compression of doubles, as in Facebook's Gorilla (VLDB 2015, section 4.1.2).
///
/// Consecutive readings of a sensor share sign, exponent and most of the mantissa, so their XOR has long
/// runs of leading and trailing zeros: an unchanged value costs one bit, a small change a few more.
/// Values are compared as bit patterns, so NaN payloads, infinities and -0.0 round-trip exactly.
struct FloatEncoder {
    private var previous: UInt64 = 0
    private var leading = UInt64.max  // "no window yet"
    private var trailing: UInt64 = 0
    private(set) var count = 0

    mutating func append(_ value: Double, to writer: inout BitWriter) {
        let bits = value.bitPattern
        defer {
            previous = bits
            count += 1
        }
        guard count > 0 else {
            writer.write(bits, bits: 64)
            return
        }
        let xor = bits ^ previous
        guard xor != 0 else {
            writer.write(bit: false)
            return
        }
        writer.write(bit: true)
        let newLeading = min(UInt64(xor.leadingZeroBitCount), 31)
        let newTrailing = UInt64(xor.trailingZeroBitCount)
        if leading != UInt64.max && newLeading >= leading && newTrailing >= trailing {
            // The change fits in the previous window of meaningful bits: reuse it.
            writer.write(bit: false)
            let meaningful = 64 - leading - trailing
            writer.write(xor >> trailing, bits: Int(meaningful))
        } else {
            writer.write(bit: true)
            let meaningful = 64 - newLeading - newTrailing
            writer.write(newLeading, bits: 5)
            writer.write(meaningful & 63, bits: 6)  // 64 meaningful bits are written as 0
            writer.write(xor >> newTrailing, bits: Int(meaningful))
            leading = newLeading
            trailing = newTrailing
        }
    }
}

/// Reads doubles written by ``FloatEncoder``.
struct FloatDecoder {
    private var previous: UInt64 = 0
    private var leading: UInt64 = 0
    private var trailing: UInt64 = 0
    private var hasWindow = false
    private var count = 0

    mutating func next(from reader: inout BitReader) throws(ChunkDecodingError) -> Double {
        defer { count += 1 }
        guard count > 0 else {
            previous = try reader.read(bits: 64)
            return Double(bitPattern: previous)
        }
        guard try reader.readBit() else { return Double(bitPattern: previous) }
        if try reader.readBit() {
            leading = try reader.read(bits: 5)
            var meaningful = try reader.read(bits: 6)
            if meaningful == 0 { meaningful = 64 }
            guard leading + meaningful <= 64 else {
                throw .malformed(
                    bitOffset: reader.bitOffset,
                    reason: "window of \(meaningful) bits after \(leading) leading zeros exceeds 64")
            }
            trailing = 64 - leading - meaningful
            hasWindow = true
        } else if !hasWindow {
            throw .malformed(bitOffset: reader.bitOffset, reason: "a value reuses a window before any was set")
        }
        let meaningful = 64 - leading - trailing
        let xor = try reader.read(bits: Int(meaningful)) << trailing
        previous ^= xor
        return Double(bitPattern: previous)
    }
}
