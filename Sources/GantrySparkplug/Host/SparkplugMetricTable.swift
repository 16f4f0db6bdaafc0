/// The metrics one birth (NBIRTH or DBIRTH) declared, found by alias or by name when data arrives.
struct SparkplugMetricTable: Sendable {
    /// The definitions in the order the birth listed them.
    private(set) var definitions: [SparkplugMetricDefinition] = []
    private var indexByName: [String: Int] = [:]
    private var indexByAlias: [UInt64: Int] = [:]

    /// Builds the table from a birth's metrics and decodes their values, which become the first samples.
    ///
    /// A birth metric must name itself and its type; a name or alias given twice is refused, because data
    /// using it could not be told apart.
    static func birth(_ metrics: [SparkplugPayload.Metric]) throws(SparkplugError) -> (Self, [SparkplugMetric]) {
        var table = Self()
        var decoded: [SparkplugMetric] = []
        for proto in metrics {
            guard proto.hasName else {
                throw SparkplugError(.malformedPayload, "a birth metric has no name (alias \(proto.alias))")
            }
            let metric = try SparkplugMetric(decoding: proto)
            let definition = SparkplugMetricDefinition(name: proto.name, alias: metric.alias, dataType: metric.dataType)
            guard table.indexByName[definition.name] == nil else {
                throw SparkplugError(.malformedPayload, "the birth declares metric '\(definition.name)' twice")
            }
            if let alias = definition.alias {
                guard table.indexByAlias[alias] == nil else {
                    throw SparkplugError(.malformedPayload, "the birth gives alias \(alias) to two metrics")
                }
                table.indexByAlias[alias] = table.definitions.count
            }
            table.indexByName[definition.name] = table.definitions.count
            table.definitions.append(definition)
            decoded.append(metric)
        }
        return (table, decoded)
    }

    /// The definition a data metric refers to: by alias when it carries one, else by name.
    func definition(for metric: SparkplugPayload.Metric) -> SparkplugMetricDefinition? {
        if metric.hasAlias, let index = indexByAlias[metric.alias] {
            return definitions[index]
        }
        if metric.hasName, let index = indexByName[metric.name] {
            return definitions[index]
        }
        return nil
    }

    /// The names of every declared metric, for marking them stale.
    var names: [String] { definitions.map(\.name) }
}
