/// One value a connector polls from a device: where it is (table and address; the unit id belongs to the
/// poll group), how to read its bits, and how to turn the raw number into an engineering value
/// (`raw × scale + offset`).
public struct ModbusPoint: Hashable, Sendable {
    /// The name the platform maps to a tag; unique within a connector.
    public var name: String
    public var table: ModbusTable
    /// The 0-based PDU address (register 40001 in the old notation is holding register 0).
    public var address: Int
    public var type: ModbusDataType
    /// For a `bool` read from a register: the bit, 0 (least significant) … 15.
    public var bit: Int?
    /// For a `string`: how many registers it spans.
    public var length: Int?
    public var wordOrder: ModbusWordOrder
    public var byteOrder: ModbusByteOrder
    public var scale: Double
    public var offset: Double

    public init(
        name: String, table: ModbusTable, address: Int, type: ModbusDataType, bit: Int? = nil, length: Int? = nil,
        wordOrder: ModbusWordOrder = .bigEndian, byteOrder: ModbusByteOrder = .bigEndian, scale: Double = 1,
        offset: Double = 0
    ) {
        self.name = name
        self.table = table
        self.address = address
        self.type = type
        self.bit = bit
        self.length = length
        self.wordOrder = wordOrder
        self.byteOrder = byteOrder
        self.scale = scale
        self.offset = offset
    }

    /// How many items of its table the point occupies: one bit, or its registers.
    public var count: Int {
        if table.holdsBits { return 1 }
        return type.fixedRegisterCount ?? (type == .string ? length ?? 0 : 1)
    }

    /// The span of its table the point occupies.
    public var addresses: Range<Int> { address..<(address + count) }
}

extension ModbusPoint: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, table, address, type, bit, length, wordOrder, byteOrder, scale, offset
    }

    /// Reads a point; everything after `type` is optional, with the defaults of `init`.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try values.decode(String.self, forKey: .name),
            table: try values.decode(ModbusTable.self, forKey: .table),
            address: try values.decode(Int.self, forKey: .address),
            type: try values.decode(ModbusDataType.self, forKey: .type),
            bit: try values.decodeIfPresent(Int.self, forKey: .bit),
            length: try values.decodeIfPresent(Int.self, forKey: .length),
            wordOrder: try values.decodeIfPresent(ModbusWordOrder.self, forKey: .wordOrder) ?? .bigEndian,
            byteOrder: try values.decodeIfPresent(ModbusByteOrder.self, forKey: .byteOrder) ?? .bigEndian,
            scale: try values.decodeIfPresent(Double.self, forKey: .scale) ?? 1,
            offset: try values.decodeIfPresent(Double.self, forKey: .offset) ?? 0)
    }
}
