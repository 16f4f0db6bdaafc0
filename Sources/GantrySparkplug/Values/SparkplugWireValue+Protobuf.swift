import Foundation

/// Conversions between the generated `oneof value` enums and ``SparkplugWireValue``.
extension SparkplugWireValue {
    init(_ value: SparkplugPayload.Metric.OneOf_Value) {
        switch value {
        case .intValue(let value): self = .int(value)
        case .longValue(let value): self = .long(value)
        case .floatValue(let value): self = .float(value)
        case .doubleValue(let value): self = .double(value)
        case .booleanValue(let value): self = .boolean(value)
        case .stringValue(let value): self = .string(value)
        case .bytesValue(let value): self = .bytes([UInt8](value))
        case .datasetValue(let value): self = .dataSet(value)
        case .templateValue(let value): self = .template(value)
        case .extensionValue: self = .extension
        }
    }

    init(_ value: SparkplugPayload.DataSet.DataSetValue.OneOf_Value) {
        switch value {
        case .intValue(let value): self = .int(value)
        case .longValue(let value): self = .long(value)
        case .floatValue(let value): self = .float(value)
        case .doubleValue(let value): self = .double(value)
        case .booleanValue(let value): self = .boolean(value)
        case .stringValue(let value): self = .string(value)
        case .extensionValue: self = .extension
        }
    }

    init(_ value: SparkplugPayload.Template.Parameter.OneOf_Value) {
        switch value {
        case .intValue(let value): self = .int(value)
        case .longValue(let value): self = .long(value)
        case .floatValue(let value): self = .float(value)
        case .doubleValue(let value): self = .double(value)
        case .booleanValue(let value): self = .boolean(value)
        case .stringValue(let value): self = .string(value)
        case .extensionValue: self = .extension
        }
    }

    var metricValue: SparkplugPayload.Metric.OneOf_Value? {
        switch self {
        case .int(let value): .intValue(value)
        case .long(let value): .longValue(value)
        case .float(let value): .floatValue(value)
        case .double(let value): .doubleValue(value)
        case .boolean(let value): .booleanValue(value)
        case .string(let value): .stringValue(value)
        case .bytes(let value): .bytesValue(Data(value))
        case .dataSet(let value): .datasetValue(value)
        case .template(let value): .templateValue(value)
        case .extension: nil
        }
    }

    /// The field in a data set cell, or `nil` for the kinds a cell cannot hold.
    var dataSetValue: SparkplugPayload.DataSet.DataSetValue.OneOf_Value? {
        switch self {
        case .int(let value): .intValue(value)
        case .long(let value): .longValue(value)
        case .float(let value): .floatValue(value)
        case .double(let value): .doubleValue(value)
        case .boolean(let value): .booleanValue(value)
        case .string(let value): .stringValue(value)
        case .bytes, .dataSet, .template, .extension: nil
        }
    }

    /// The field in a template parameter, or `nil` for the kinds a parameter cannot hold.
    var parameterValue: SparkplugPayload.Template.Parameter.OneOf_Value? {
        switch self {
        case .int(let value): .intValue(value)
        case .long(let value): .longValue(value)
        case .float(let value): .floatValue(value)
        case .double(let value): .doubleValue(value)
        case .boolean(let value): .booleanValue(value)
        case .string(let value): .stringValue(value)
        case .bytes, .dataSet, .template, .extension: nil
        }
    }
}
