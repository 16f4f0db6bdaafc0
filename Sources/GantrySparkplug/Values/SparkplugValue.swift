import GantryCore

/// A decoded Sparkplug metric value, typed as precisely as the wire declares it.
///
/// Richer than Gantry's ``SampleValue`` on purpose: arrays, data sets and templates are kept whole so the
/// caller decides what to store, and ``sampleValue`` gives the scalar view for telemetry.
public enum SparkplugValue: Hashable, Sendable {
    case int8(Int8)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case uint8(UInt8)
    case uint16(UInt16)
    case uint32(UInt32)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    case boolean(Bool)
    case string(String)
    case text(String)
    case uuid(String)
    /// Milliseconds since the Unix epoch.
    case dateTime(Int64)
    case bytes([UInt8])
    case file([UInt8])
    case array(SparkplugArray)
    case dataSet(SparkplugDataSet)
    case template(SparkplugTemplate)

    /// The data type this value is sent as.
    public var dataType: SparkplugDataType {
        switch self {
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .float: .float
        case .double: .double
        case .boolean: .boolean
        case .string: .string
        case .text: .text
        case .uuid: .uuid
        case .dateTime: .dateTime
        case .bytes: .bytes
        case .file: .file
        case .array(let array): array.dataType
        case .dataSet: .dataSet
        case .template: .template
        }
    }

    /// The value as one Gantry sample, or `nil` when it is not a scalar (arrays, data sets, templates,
    /// bytes) or is a `UInt64` above `Int64.max`, which no sample type holds exactly.
    public var sampleValue: SampleValue? {
        switch self {
        case .int8(let value): .int(Int64(value))
        case .int16(let value): .int(Int64(value))
        case .int32(let value): .int(Int64(value))
        case .int64(let value): .int(value)
        case .uint8(let value): .int(Int64(value))
        case .uint16(let value): .int(Int64(value))
        case .uint32(let value): .int(Int64(value))
        case .uint64(let value): Int64(exactly: value).map { .int($0) }
        case .float(let value): .double(Double(value))
        case .double(let value): .double(value)
        case .boolean(let value): .bool(value)
        case .string(let value), .text(let value), .uuid(let value): .string(value)
        case .dateTime(let value): .int(value)
        case .bytes, .file, .array, .dataSet, .template: nil
        }
    }
}
