import GantryCore

/// A metric as a birth declares it: what Gantry needs to create the tag before samples arrive.
public struct SparkplugMetricDefinition: Hashable, Sendable {
    public var name: String
    /// The alias later data may use instead of the name.
    public var alias: UInt64?
    public var dataType: SparkplugDataType

    public init(name: String, alias: UInt64?, dataType: SparkplugDataType) {
        self.name = name
        self.alias = alias
        self.dataType = dataType
    }

    /// The Gantry tag type for this metric, or `nil` when it is no single sample (an array, a data set...).
    public var tagDataType: TagDataType? { dataType.tagDataType }
}
