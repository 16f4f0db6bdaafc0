import GantryCore

/// The Sparkplug B data types, with the numbers carried in the `datatype` and `type` fields.
///
/// Gantry's own enum rather than the generated one: its names are stable whatever the generator spells,
/// and its raw value is the `uint32` the wire holds, so an unknown number stays an explicit `nil`.
public enum SparkplugDataType: UInt32, Sendable, Hashable, CaseIterable {
    case unknown = 0
    case int8 = 1
    case int16 = 2
    case int32 = 3
    case int64 = 4
    case uint8 = 5
    case uint16 = 6
    case uint32 = 7
    case uint64 = 8
    case float = 9
    case double = 10
    case boolean = 11
    case string = 12
    /// Milliseconds since the Unix epoch, in `long_value`.
    case dateTime = 13
    case text = 14
    case uuid = 15
    case dataSet = 16
    case bytes = 17
    case file = 18
    case template = 19
    case propertySet = 20
    case propertySetList = 21
    case int8Array = 22
    case int16Array = 23
    case int32Array = 24
    case int64Array = 25
    case uint8Array = 26
    case uint16Array = 27
    case uint32Array = 28
    case uint64Array = 29
    case floatArray = 30
    case doubleArray = 31
    case booleanArray = 32
    case stringArray = 33
    case dateTimeArray = 34

    /// Reads a wire number, with an error naming the number when no type has it.
    public init(wire: UInt32) throws(SparkplugError) {
        guard let type = SparkplugDataType(rawValue: wire) else {
            throw SparkplugError(.unsupportedDataType, "data type number \(wire) is not a Sparkplug B 3.0 type")
        }
        self = type
    }

    /// The Gantry tag type a value of this type is stored as, or `nil` for the types that are no single
    /// sample (arrays, data sets, templates, bytes, files, property sets).
    public var tagDataType: TagDataType? {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .dateTime: .int
        case .float, .double: .double
        case .boolean: .bool
        case .string, .text, .uuid: .string
        default: nil
        }
    }
}
