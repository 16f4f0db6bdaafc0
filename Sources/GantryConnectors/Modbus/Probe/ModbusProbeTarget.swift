/// One `--read` or `--write` argument of `gantry probe modbus://…`, parsed: `TABLE:ADDRESS[:TYPE[:ORDER]]`
/// with tables `coil`, `discrete`, `input`, `holding`; types `int16` … `float64`, `bool`, `bitN` (bit N of a
/// register), `stringN` (N registers of ASCII); orders `abcd` (default), `cdab`, `badc`, `dcba`.
public struct ModbusProbeTarget: Hashable, Sendable {
    /// The argument in its full form (`coil:0` is `coil:0:bool`), as the probe prints it.
    public var name: String
    public var point: ModbusPoint

    /// Parses `text`; a missing type is `bool` for bit tables and `uint16` for registers.
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)` quoting the argument and the part at fault.
    public init(parsing text: String) throws(ConnectorError) {
        func refuse(_ reason: String) -> ConnectorError {
            ConnectorError(.invalidConfiguration, "\"\(text)\": \(reason)")
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...4).contains(parts.count) else { throw refuse("expected TABLE:ADDRESS[:TYPE[:ORDER]]") }
        guard let table = ModbusTable(shortName: parts[0]) else {
            throw refuse("unknown table \"\(parts[0])\" (coil, discrete, input, holding)")
        }
        guard let address = Int(parts[1]), (0...65_535).contains(address) else {
            throw refuse("address \"\(parts[1])\" is not a number 0…65535")
        }
        let typeName = parts.count > 2 ? parts[2] : (table.holdsBits ? "bool" : "uint16")
        var point = ModbusPoint(name: text, table: table, address: address, type: .bool)
        if let type = ModbusDataType(rawValue: typeName), type != .string {
            point.type = type
        } else if typeName.hasPrefix("bit"), let bit = Int(typeName.dropFirst(3)) {
            point.bit = bit
        } else if typeName.hasPrefix("string"), let length = Int(typeName.dropFirst(6)) {
            point.type = .string
            point.length = length
        } else {
            throw refuse(
                "unknown type \"\(typeName)\" (int16, uint16, int32, uint32, float32, float64, bool, bitN, stringN)")
        }
        if parts.count > 3 {
            switch parts[3] {
            case "abcd": (point.wordOrder, point.byteOrder) = (.bigEndian, .bigEndian)
            case "cdab": (point.wordOrder, point.byteOrder) = (.littleEndian, .bigEndian)
            case "badc": (point.wordOrder, point.byteOrder) = (.bigEndian, .littleEndian)
            case "dcba": (point.wordOrder, point.byteOrder) = (.littleEndian, .littleEndian)
            default: throw refuse("unknown order \"\(parts[3])\" (abcd, cdab, badc, dcba)")
            }
        }
        self.name = ([parts[0], parts[1], typeName] + parts.dropFirst(3)).joined(separator: ":")
        point.name = name
        do {
            try point.validate()
        } catch {
            throw refuse(error.message)
        }
        self.point = point
    }
}
