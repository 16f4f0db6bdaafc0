/// A Sparkplug DataSet: a small table with typed columns, sent as one metric value.
public struct SparkplugDataSet: Hashable, Sendable {
    /// A column's name and the data type of every cell in it.
    public struct Column: Hashable, Sendable {
        public var name: String
        public var dataType: SparkplugDataType

        public init(name: String, dataType: SparkplugDataType) {
            self.name = name
            self.dataType = dataType
        }
    }

    public var columns: [Column]
    /// One array per row, one cell per column; `nil` where the cell carries no value.
    public var rows: [[SparkplugValue?]]

    public init(columns: [Column], rows: [[SparkplugValue?]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Decodes a generated DataSet, checking that names, types and every row agree on the column count.
    public init(decoding dataSet: SparkplugPayload.DataSet) throws(SparkplugError) {
        let width = dataSet.columns.count
        guard dataSet.types.count == width, !dataSet.hasNumOfColumns || dataSet.numOfColumns == UInt64(width) else {
            throw SparkplugError(
                .malformedPayload,
                "DataSet declares \(dataSet.numOfColumns) columns with \(width) names and \(dataSet.types.count) types")
        }
        var columns: [Column] = []
        for (name, wireType) in zip(dataSet.columns, dataSet.types) {
            let type = try SparkplugDataType(wire: wireType)
            guard type.tagDataType != nil else {
                throw SparkplugError(
                    .unsupportedDataType, "DataSet column '\(name)' has type \(type); cells are scalars")
            }
            columns.append(Column(name: name, dataType: type))
        }
        var rows: [[SparkplugValue?]] = []
        for (index, row) in dataSet.rows.enumerated() {
            guard row.elements.count == width else {
                throw SparkplugError(
                    .malformedPayload, "DataSet row \(index) has \(row.elements.count) cells for \(width) columns")
            }
            var cells: [SparkplugValue?] = []
            for (column, element) in zip(columns, row.elements) {
                cells.append(
                    try element.value.map { wire throws(SparkplugError) in
                        try SparkplugValue(wire: SparkplugWireValue(wire), as: column.dataType)
                    })
            }
            rows.append(cells)
        }
        self.init(columns: columns, rows: rows)
    }

    /// The generated DataSet this encodes to.
    public var protobuf: SparkplugPayload.DataSet {
        var dataSet = SparkplugPayload.DataSet()
        dataSet.numOfColumns = UInt64(columns.count)
        dataSet.columns = columns.map(\.name)
        dataSet.types = columns.map(\.dataType.rawValue)
        dataSet.rows = rows.map { cells in
            var row = SparkplugPayload.DataSet.Row()
            row.elements = cells.map { cell in
                var element = SparkplugPayload.DataSet.DataSetValue()
                element.value = cell?.wire.dataSetValue
                return element
            }
            return row
        }
        return dataSet
    }
}
