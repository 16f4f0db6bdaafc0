/// A Sparkplug Template: a user-defined type (a definition, in NBIRTH) or an instance of one, holding
/// parameters and member metrics.
public struct SparkplugTemplate: Hashable, Sendable {
    /// A named, typed constant of a template, such as a motor's rated power.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var dataType: SparkplugDataType
        /// The value, or `nil` when the parameter carries none.
        public var value: SparkplugValue?

        public init(name: String, dataType: SparkplugDataType, value: SparkplugValue?) {
            self.name = name
            self.dataType = dataType
            self.value = value
        }
    }

    public var version: String?
    /// For an instance, the name of the definition metric it instantiates.
    public var templateRef: String?
    /// Whether this is a definition (a type) rather than an instance (a value).
    public var isDefinition: Bool
    public var parameters: [Parameter]
    public var metrics: [SparkplugMetric]

    public init(
        version: String? = nil, templateRef: String? = nil, isDefinition: Bool, parameters: [Parameter] = [],
        metrics: [SparkplugMetric]
    ) {
        self.version = version
        self.templateRef = templateRef
        self.isDefinition = isDefinition
        self.parameters = parameters
        self.metrics = metrics
    }

    /// Decodes a generated Template with its parameters and member metrics (recursively).
    public init(decoding template: SparkplugPayload.Template) throws(SparkplugError) {
        var parameters: [Parameter] = []
        for parameter in template.parameters {
            let type = try SparkplugDataType(wire: parameter.type)
            let value = try parameter.value.map { wire throws(SparkplugError) in
                try SparkplugValue(wire: SparkplugWireValue(wire), as: type)
            }
            parameters.append(Parameter(name: parameter.name, dataType: type, value: value))
        }
        var metrics: [SparkplugMetric] = []
        for metric in template.metrics {
            metrics.append(try SparkplugMetric(decoding: metric))
        }
        self.init(
            version: template.hasVersion ? template.version : nil,
            templateRef: template.hasTemplateRef ? template.templateRef : nil,
            isDefinition: template.isDefinition,
            parameters: parameters,
            metrics: metrics)
    }

    /// The generated Template this encodes to.
    public var protobuf: SparkplugPayload.Template {
        var template = SparkplugPayload.Template()
        if let version { template.version = version }
        if let templateRef { template.templateRef = templateRef }
        template.isDefinition = isDefinition
        template.parameters = parameters.map { parameter in
            var encoded = SparkplugPayload.Template.Parameter()
            encoded.name = parameter.name
            encoded.type = parameter.dataType.rawValue
            encoded.value = parameter.value?.wire.parameterValue
            return encoded
        }
        template.metrics = metrics.map(\.protobuf)
        return template
    }
}
