import GantryCore

extension OPCUAVariant {
    /// The platform's value for this variant: integers as `.int`, floats as `.double`, texts as `.string`;
    /// `nil` for arrays, structures and other types a tag cannot hold.
    public var sampleValue: SampleValue? {
        switch self {
        case .boolean(let value): .bool(value)
        case .sbyte(let value): .int(Int64(value))
        case .byte(let value): .int(Int64(value))
        case .int16(let value): .int(Int64(value))
        case .uint16(let value): .int(Int64(value))
        case .int32(let value): .int(Int64(value))
        case .uint32(let value): .int(Int64(value))
        case .int64(let value): .int(value)
        case .uint64(let value): value <= UInt64(Int64.max) ? .int(Int64(value)) : .double(Double(value))
        case .float(let value): .double(Double(value))
        case .double(let value): .double(value)
        case .string(let value): value.map { .string($0) }
        case .localizedText(let value): value.text.map { .string($0) }
        case .dateTime(let value): .int(value.unixMilliseconds)
        case .statusCode(let value): .int(Int64(value.rawValue))
        case .variant(let inner): inner.sampleValue
        default: nil
        }
    }

    /// The natural variant for a platform value: Double, Int64, Boolean or String.
    public init(_ value: SampleValue) {
        switch value {
        case .double(let number): self = .double(number)
        case .int(let number): self = .int64(number)
        case .bool(let flag): self = .boolean(flag)
        case .string(let text): self = .string(text)
        }
    }

    /// A platform value converted to `type`, or `nil` when it does not fit (out of range, wrong kind).
    public init?(_ value: SampleValue, as type: OPCUABuiltInType) {
        switch (value, type) {
        case (.bool(let flag), .boolean): self = .boolean(flag)
        case (.int(let number), .boolean) where number == 0 || number == 1: self = .boolean(number == 1)
        case (.string(let text), .string): self = .string(text)
        case (.string(let text), .localizedText): self = .localizedText(OPCUALocalizedText(text: text))
        case (.double(let number), .double): self = .double(number)
        case (.double(let number), .float): self = .float(Float(number))
        case (.int(let number), .double): self = .double(Double(number))
        case (.int(let number), .float): self = .float(Float(number))
        case (.int(let number), _):
            guard let converted = Self.integer(number, as: type) else { return nil }
            self = converted
        case (.double(let number), _) where number.rounded() == number && abs(number) < 9.2e18:
            guard let converted = Self.integer(Int64(number), as: type) else { return nil }
            self = converted
        default: return nil
        }
    }

    private static func integer(_ number: Int64, as type: OPCUABuiltInType) -> OPCUAVariant? {
        switch type {
        case .sbyte: Int8(exactly: number).map { .sbyte($0) }
        case .byte: UInt8(exactly: number).map { .byte($0) }
        case .int16: Int16(exactly: number).map { .int16($0) }
        case .uint16: UInt16(exactly: number).map { .uint16($0) }
        case .int32: Int32(exactly: number).map { .int32($0) }
        case .uint32: UInt32(exactly: number).map { .uint32($0) }
        case .int64: .int64(number)
        case .uint64: UInt64(exactly: number).map { .uint64($0) }
        default: nil
        }
    }
}
