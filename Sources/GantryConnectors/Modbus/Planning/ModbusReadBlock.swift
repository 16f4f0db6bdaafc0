import GantryCore

/// One read request of a poll: a run of one table that covers one or more points, and how to cut the answer
/// back into their values.
public struct ModbusReadBlock: Hashable, Sendable {
    public var table: ModbusTable
    public var address: Int
    public var count: Int
    /// The points it serves, by their index in the group's list.
    public var pointIndices: [Int]

    public init(table: ModbusTable, address: Int, count: Int, pointIndices: [Int]) {
        self.table = table
        self.address = address
        self.count = count
        self.pointIndices = pointIndices
    }

    /// The addresses it reads.
    public var addresses: Range<Int> { address..<(address + count) }

    /// The FC1–FC4 request that reads the block.
    public var request: ModbusRequest {
        .read(table, address: UInt16(address), count: UInt16(count))
    }

    /// The value and quality of `point` (one the block covers) in the block's answer: `.bits` for a bit table,
    /// `.registers` for a register table, as `ModbusResponse.mismatch(answering:)` has checked.
    public func value(of point: ModbusPoint, in response: ModbusResponse) -> (SampleValue, Quality) {
        let offset = point.address - address
        switch response {
        case .bits(_, let bits):
            return (point.value(fromBit: bits[offset]), .good)
        case .registers(_, let registers):
            return point.value(fromRegisters: registers[offset..<(offset + point.count)])
        case .exception(_, let code):
            return (point.placeholderValue, code.quality)
        default:
            return (point.placeholderValue, ConnectorQuality.communicationError)
        }
    }
}
