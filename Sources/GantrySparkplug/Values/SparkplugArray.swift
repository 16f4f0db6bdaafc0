/// The value of a Sparkplug array metric, decoded from its packed little-endian `bytes_value`.
public enum SparkplugArray: Hashable, Sendable {
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case uint64([UInt64])
    case float([Float])
    case double([Double])
    case boolean([Bool])
    case string([String])
    /// Milliseconds since the Unix epoch.
    case dateTime([Int64])

    /// The array data type this value is sent as.
    public var dataType: SparkplugDataType {
        switch self {
        case .int8: .int8Array
        case .int16: .int16Array
        case .int32: .int32Array
        case .int64: .int64Array
        case .uint8: .uint8Array
        case .uint16: .uint16Array
        case .uint32: .uint32Array
        case .uint64: .uint64Array
        case .float: .floatArray
        case .double: .doubleArray
        case .boolean: .booleanArray
        case .string: .stringArray
        case .dateTime: .dateTimeArray
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .int8(let values): values.count
        case .int16(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .uint8(let values): values.count
        case .uint16(let values): values.count
        case .uint32(let values): values.count
        case .uint64(let values): values.count
        case .float(let values): values.count
        case .double(let values): values.count
        case .boolean(let values): values.count
        case .string(let values): values.count
        case .dateTime(let values): values.count
        }
    }
}
