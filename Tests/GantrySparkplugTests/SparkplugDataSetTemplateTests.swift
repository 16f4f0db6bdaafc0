import Testing

@testable import GantrySparkplug

@Suite struct SparkplugDataSetTemplateTests {
    /// A DataSet as an edge node sends it: three columns, a full row and one with empty cells.
    static var wireDataSet: SparkplugPayload.DataSet {
        var dataSet = SparkplugPayload.DataSet()
        dataSet.numOfColumns = 3
        dataSet.columns = ["id", "name", "ok"]
        dataSet.types = [
            SparkplugDataType.int32.rawValue, SparkplugDataType.string.rawValue, SparkplugDataType.boolean.rawValue,
        ]
        var full = SparkplugPayload.DataSet.Row()
        full.elements = [
            .with { $0.intValue = 0xFFFF_FFF9 }, .with { $0.stringValue = "a" }, .with { $0.booleanValue = true },
        ]
        var sparse = SparkplugPayload.DataSet.Row()
        sparse.elements = [.with { $0.intValue = 2 }, .init(), .init()]
        dataSet.rows = [full, sparse]
        return dataSet
    }

    @Test func decodesADataSetWithTypedCellsAndEmptyOnes() throws {
        let dataSet = try SparkplugDataSet(decoding: Self.wireDataSet)
        #expect(dataSet.columns.map(\.name) == ["id", "name", "ok"])
        #expect(dataSet.columns.map(\.dataType) == [.int32, .string, .boolean])
        #expect(dataSet.rows == [[.int32(-7), .string("a"), .boolean(true)], [.int32(2), nil, nil]])
    }

    @Test func aDataSetMetricSurvivesTheWire() throws {
        let dataSet = try SparkplugDataSet(decoding: Self.wireDataSet)
        var payload = SparkplugPayload()
        payload.metrics = [SparkplugMetric(name: "batch", value: .dataSet(dataSet)).protobuf]
        let decoded = try SparkplugMetric(decoding: SparkplugPayload(bytes: payload.bytes).metrics[0])
        #expect(decoded.dataType == .dataSet)
        #expect(decoded.value == .dataSet(dataSet))
        #expect(decoded.value?.sampleValue == nil)
    }

    @Test func aRowOfTheWrongWidthIsMalformed() {
        var dataSet = Self.wireDataSet
        dataSet.rows[1].elements.removeLast()
        #expect(throws: SparkplugError.self) { try SparkplugDataSet(decoding: dataSet) }
        var counted = Self.wireDataSet
        counted.numOfColumns = 4
        #expect(throws: SparkplugError.self) { try SparkplugDataSet(decoding: counted) }
    }

    @Test func aCellOfTheWrongTypeIsAMismatch() {
        var dataSet = Self.wireDataSet
        dataSet.rows[0].elements[0] = .with { $0.stringValue = "seven" }
        #expect {
            try SparkplugDataSet(decoding: dataSet)
        } throws: { error in
            (error as? SparkplugError)?.code == .valueMismatch
        }
    }

    /// A template definition (as in NBIRTH) with a parameter and two member metrics.
    static var wireDefinition: SparkplugPayload.Template {
        var template = SparkplugPayload.Template()
        template.version = "1.0"
        template.isDefinition = true
        var parameter = SparkplugPayload.Template.Parameter()
        parameter.name = "ratedPower"
        parameter.type = SparkplugDataType.float.rawValue
        parameter.floatValue = 7.5
        template.parameters = [parameter]
        template.metrics = [
            SparkplugMetric(name: "speed", value: .double(0)).protobuf,
            SparkplugMetric(name: "running", value: .boolean(false)).protobuf,
        ]
        return template
    }

    @Test func decodesATemplateDefinition() throws {
        let template = try SparkplugTemplate(decoding: Self.wireDefinition)
        #expect(template.isDefinition)
        #expect(template.version == "1.0")
        #expect(template.templateRef == nil)
        #expect(template.parameters == [.init(name: "ratedPower", dataType: .float, value: .float(7.5))])
        #expect(template.metrics.map(\.name) == ["speed", "running"])
        #expect(template.metrics.map(\.value) == [.double(0), .boolean(false)])
    }

    @Test func aTemplateInstanceWithANestedTemplateSurvivesTheWire() throws {
        let inner = SparkplugTemplate(
            templateRef: "Valve", isDefinition: false,
            metrics: [
                SparkplugMetric(name: "open", value: .boolean(true))
            ])
        let instance = SparkplugTemplate(
            templateRef: "Motor", isDefinition: false,
            parameters: [.init(name: "ratedPower", dataType: .float, value: nil)],
            metrics: [
                SparkplugMetric(name: "speed", value: .double(1450)),
                SparkplugMetric(name: "valve", value: .template(inner)),
            ])
        var payload = SparkplugPayload()
        payload.metrics = [SparkplugMetric(name: "motor-1", value: .template(instance)).protobuf]
        let decoded = try SparkplugMetric(decoding: SparkplugPayload(bytes: payload.bytes).metrics[0])
        #expect(decoded.value == .template(instance))
    }
}
