/// Finds the decimal scale of a run of doubles: the fewest decimal places `k` such that every value is
/// exactly `n / 10^k` for an integer `n`.
///
/// Sensor readings are scaled integers (a PLC's 0.1 °C) or decimals parsed from text, and a decimal parsed
/// from text is the same double as the integer divided by its power of ten (IEEE division rounds
/// correctly), so such values round-trip exactly as integers, whose small changes code in a few bits where
/// Gorilla's XOR of their binary fractions needs dozens.
enum DecimalScale {
    static let maximumScale = 9
    static let powers: [Double] = (0...maximumScale).map { pow10($0) }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The scale, or nil when some value is not a short decimal (or is -0, infinite or NaN).
    static func scale(of values: some Sequence<Double>) -> Int? {
        var scale = 0
        for value in values {
            guard value.isFinite, !(value == 0 && value.sign == .minus) else { return nil }
            while !fits(value, scale: scale) {
                scale += 1
                if scale > maximumScale { return nil }
            }
        }
        return scale
    }

    /// The integer `value` is at `scale`, when it round-trips exactly.
    static func scaled(_ value: Double, scale: Int) -> Int64? {
        let scaled = (value * powers[scale]).rounded()
        guard abs(scaled) < 9.0e15, scaled / powers[scale] == value else { return nil }
        return Int64(scaled)
    }

    private static func fits(_ value: Double, scale: Int) -> Bool {
        scaled(value, scale: scale) != nil
    }

    static func value(_ scaled: Int64, scale: Int) -> Double {
        Double(scaled) / powers[scale]
    }
}
