import GantryCore

/// A point as the embedded engine holds it: 24 plain bytes, whatever the tag's type, so heads stay flat
/// arrays without reference counting.
///
/// `bits` is a double's bit pattern, an int, a bool as 0 or 1, or a string state's dictionary code.
struct StoredPoint: TimestampedPoint, Hashable {
    let timestamp: Int64
    let bits: UInt64
    let quality: Quality

    init(timestamp: Int64, bits: UInt64, quality: Quality) {
        self.timestamp = timestamp
        self.bits = bits
        self.quality = quality
    }

    /// The value as buckets fold it: the number (bools as 0 and 1), a string state's code (first and last
    /// turn it back), or nil for NaN and infinities, which no summary can use and every aggregate skips.
    func foldable(_ type: TagDataType) -> Double? {
        guard let number = number(type) else { return Double(bits) }
        return number.isFinite ? number : nil
    }

    /// The value as a number for aggregates (bools count as 0 and 1); nil for string states.
    func number(_ type: TagDataType) -> Double? {
        switch type {
        case .double: Double(bitPattern: bits)
        case .int: Double(Int64(bitPattern: bits))
        case .bool: bits == 0 ? 0 : 1
        case .string: nil
        }
    }
}
