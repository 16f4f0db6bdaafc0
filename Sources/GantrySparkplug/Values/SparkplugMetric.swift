/// One metric of a payload, decoded: the form the host works with and the edge node simulator builds from.
public struct SparkplugMetric: Hashable, Sendable {
    /// The metric's name; births always carry it, data messages may send only the alias.
    public var name: String?
    /// The number a birth assigns so later data can leave out the name.
    public var alias: UInt64?
    /// When the value was measured, in milliseconds since the Unix epoch, if the metric says.
    public var timestamp: Int64?
    public var dataType: SparkplugDataType
    /// The value, or `nil` when the metric is null (`is_null`) or carries no value field.
    public var value: SparkplugValue?
    /// A value from the past (store-and-forward), not the current one.
    public var isHistorical: Bool
    /// A value to show but not to store.
    public var isTransient: Bool

    public init(
        name: String?, alias: UInt64? = nil, timestamp: Int64? = nil, dataType: SparkplugDataType,
        value: SparkplugValue?, isHistorical: Bool = false, isTransient: Bool = false
    ) {
        self.name = name
        self.alias = alias
        self.timestamp = timestamp
        self.dataType = dataType
        self.value = value
        self.isHistorical = isHistorical
        self.isTransient = isTransient
    }

    /// A metric whose data type is the one its value is sent as.
    public init(name: String?, alias: UInt64? = nil, timestamp: Int64? = nil, value: SparkplugValue) {
        self.init(name: name, alias: alias, timestamp: timestamp, dataType: value.dataType, value: value)
    }

    /// Decodes a generated metric.
    ///
    /// Data messages often leave `datatype` out and rely on the birth: `declaredType` is that birth's type,
    /// used only when the metric itself carries none.
    public init(decoding metric: SparkplugPayload.Metric, declaredType: SparkplugDataType? = nil) throws(SparkplugError)
    {
        let dataType: SparkplugDataType
        if metric.hasDatatype {
            dataType = try SparkplugDataType(wire: metric.datatype)
        } else if let declaredType {
            dataType = declaredType
        } else {
            throw SparkplugError(
                .malformedPayload, "metric '\(metric.name)' has no datatype and no birth declared one for it")
        }
        var value: SparkplugValue?
        if !metric.isNull, let wire = metric.value {
            do {
                value = try SparkplugValue(wire: SparkplugWireValue(wire), as: dataType)
            } catch {
                let label = metric.hasName ? "'\(metric.name)'" : "alias \(metric.alias)"
                throw SparkplugError(error.code, "metric \(label): \(error.message)")
            }
        }
        self.init(
            name: metric.hasName ? metric.name : nil,
            alias: metric.hasAlias ? metric.alias : nil,
            timestamp: metric.hasTimestamp ? Int64(clamping: metric.timestamp) : nil,
            dataType: dataType,
            value: value,
            isHistorical: metric.isHistorical,
            isTransient: metric.isTransient)
    }

    /// The generated metric this encodes to; a `nil` value is sent as `is_null`.
    public var protobuf: SparkplugPayload.Metric {
        var metric = SparkplugPayload.Metric()
        if let name { metric.name = name }
        if let alias { metric.alias = alias }
        if let timestamp { metric.timestamp = UInt64(clamping: timestamp) }
        metric.datatype = dataType.rawValue
        if isHistorical { metric.isHistorical = true }
        if isTransient { metric.isTransient = true }
        if let value {
            metric.value = value.wire.metricValue
        } else {
            metric.isNull = true
        }
        return metric
    }
}
