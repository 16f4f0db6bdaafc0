/// One measured value, of the kind its tag declares.
public enum SampleValue: Hashable, Sendable {
    case double(Double)
    case int(Int64)
    case bool(Bool)
    /// An enumerated state such as `running` or `alarm`; not free text.
    case string(String)

    /// The tag data type this value belongs to.
    public var dataType: TagDataType {
        switch self {
        case .double: .double
        case .int: .int
        case .bool: .bool
        case .string: .string
        }
    }
}
