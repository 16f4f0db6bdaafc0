/// The one place that says which value field carries which data type.
///
/// Signed integers up to 32 bits travel as two's complement in `int_value`; decoding also accepts them in
/// `long_value` (and 64-bit ones in `int_value`), as some edge nodes send them there.
extension SparkplugValue {
    init(wire: SparkplugWireValue, as dataType: SparkplugDataType) throws(SparkplugError) {
        switch (dataType, wire) {
        case (.int8, _): self = .int8(Int8(truncatingIfNeeded: try Self.integer(wire, dataType)))
        case (.int16, _): self = .int16(Int16(truncatingIfNeeded: try Self.integer(wire, dataType)))
        case (.int32, _): self = .int32(Int32(truncatingIfNeeded: try Self.integer(wire, dataType)))
        case (.int64, .int(let value)): self = .int64(Int64(Int32(bitPattern: value)))
        case (.int64, .long(let value)): self = .int64(Int64(bitPattern: value))
        case (.uint8, _): self = .uint8(UInt8(truncatingIfNeeded: try Self.integer(wire, dataType)))
        case (.uint16, _): self = .uint16(UInt16(truncatingIfNeeded: try Self.integer(wire, dataType)))
        case (.uint32, _): self = .uint32(UInt32(truncatingIfNeeded: try Self.integer(wire, dataType)))
        case (.uint64, .int(let value)): self = .uint64(UInt64(value))
        case (.uint64, .long(let value)): self = .uint64(value)
        case (.dateTime, .long(let value)): self = .dateTime(Int64(bitPattern: value))
        case (.float, .float(let value)): self = .float(value)
        case (.double, .double(let value)): self = .double(value)
        case (.boolean, .boolean(let value)): self = .boolean(value)
        case (.string, .string(let value)): self = .string(value)
        case (.text, .string(let value)): self = .text(value)
        case (.uuid, .string(let value)): self = .uuid(value)
        case (.bytes, .bytes(let value)): self = .bytes(value)
        case (.file, .bytes(let value)): self = .file(value)
        case (.dataSet, .dataSet(let value)): self = .dataSet(try SparkplugDataSet(decoding: value))
        case (.template, .template(let value)): self = .template(try SparkplugTemplate(decoding: value))
        case (.unknown, _), (.propertySet, _), (.propertySetList, _):
            throw SparkplugError(.unsupportedDataType, "data type \(dataType) cannot be a metric value")
        case (_, .bytes(let value)) where dataType.rawValue >= SparkplugDataType.int8Array.rawValue:
            self = .array(try SparkplugArray(dataType: dataType, packed: value))
        default:
            throw SparkplugError(.valueMismatch, "a \(dataType) value cannot travel in \(wire.fieldName)")
        }
    }

    /// The field and contents this value travels as.
    var wire: SparkplugWireValue {
        switch self {
        case .int8(let value): .int(UInt32(bitPattern: Int32(value)))
        case .int16(let value): .int(UInt32(bitPattern: Int32(value)))
        case .int32(let value): .int(UInt32(bitPattern: value))
        case .int64(let value): .long(UInt64(bitPattern: value))
        case .uint8(let value): .int(UInt32(value))
        case .uint16(let value): .int(UInt32(value))
        case .uint32(let value): .int(value)
        case .uint64(let value): .long(value)
        case .dateTime(let value): .long(UInt64(bitPattern: value))
        case .float(let value): .float(value)
        case .double(let value): .double(value)
        case .boolean(let value): .boolean(value)
        case .string(let value), .text(let value), .uuid(let value): .string(value)
        case .bytes(let value), .file(let value): .bytes(value)
        case .array(let value): .bytes(value.packedBytes)
        case .dataSet(let value): .dataSet(value.protobuf)
        case .template(let value): .template(value.protobuf)
        }
    }

    /// The raw bits of an integer field, sign-extending `int_value` so truncation keeps two's complement.
    private static func integer(
        _ wire: SparkplugWireValue, _ dataType: SparkplugDataType
    ) throws(SparkplugError) -> UInt64 {
        switch wire {
        case .int(let value): UInt64(bitPattern: Int64(Int32(bitPattern: value)))
        case .long(let value): value
        default: throw SparkplugError(.valueMismatch, "a \(dataType) value cannot travel in \(wire.fieldName)")
        }
    }
}
