/// The value fields that Metric, DataSetValue, Template.Parameter and PropertyValue share, gathered in
/// one enum so each data type is decoded and encoded by one rule whichever message carries it.
enum SparkplugWireValue {
    case int(UInt32)
    case long(UInt64)
    case float(Float)
    case double(Double)
    case boolean(Bool)
    case string(String)
    case bytes([UInt8])
    case dataSet(SparkplugPayload.DataSet)
    case template(SparkplugPayload.Template)
    /// An extension value, which Sparkplug B 3.0 gives no meaning.
    case `extension`

    /// The field's name as the schema spells it, for error messages.
    var fieldName: String {
        switch self {
        case .int: "int_value"
        case .long: "long_value"
        case .float: "float_value"
        case .double: "double_value"
        case .boolean: "boolean_value"
        case .string: "string_value"
        case .bytes: "bytes_value"
        case .dataSet: "dataset_value"
        case .template: "template_value"
        case .extension: "extension_value"
        }
    }
}
