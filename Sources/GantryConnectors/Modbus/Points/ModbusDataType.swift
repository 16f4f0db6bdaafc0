/// How a point's raw bits or registers become a value: the integer and float widths PLCs use, a bit, or
/// ASCII text.
public enum ModbusDataType: String, Hashable, Sendable, Codable, CaseIterable {
    case int16, uint16, int32, uint32, float32, float64
    /// A coil, a discrete input, or one bit (`ModbusPoint.bit`) of a register.
    case bool
    /// ASCII text, two characters per register, `ModbusPoint.length` registers, padded with NUL.
    case string

    /// Registers one value occupies; `nil` for `bool` (a bit) and `string` (its configured length).
    public var fixedRegisterCount: Int? {
        switch self {
        case .int16, .uint16: 1
        case .int32, .uint32, .float32: 2
        case .float64: 4
        case .bool, .string: nil
        }
    }

    /// Whether scale and offset apply (every type but `bool` and `string`).
    public var isNumeric: Bool { fixedRegisterCount != nil }

    /// Whether the raw value is an integer, which stays an integer when scale is 1 and offset 0.
    public var isInteger: Bool { self != .float32 && self != .float64 && isNumeric }

    /// The raw values an integer type can hold.
    var integerRange: ClosedRange<Double>? {
        switch self {
        case .int16: Double(Int16.min)...Double(Int16.max)
        case .uint16: 0...Double(UInt16.max)
        case .int32: Double(Int32.min)...Double(Int32.max)
        case .uint32: 0...Double(UInt32.max)
        default: nil
        }
    }
}

/// The order of the 16-bit words of a 32- or 64-bit value. Modbus leaves it to the device: most send the high
/// word first (`bigEndian`, "ABCD"), many PLCs the low word first (`littleEndian`, "CDAB").
public enum ModbusWordOrder: String, Hashable, Sendable, Codable, CaseIterable {
    case bigEndian, littleEndian
}

/// The order of the two bytes inside each register: the specification says high byte first (`bigEndian`);
/// some devices swap them ("BADC", "DCBA" with the word order).
public enum ModbusByteOrder: String, Hashable, Sendable, Codable, CaseIterable {
    case bigEndian, littleEndian
}
