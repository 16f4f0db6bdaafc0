/// Plans a poll group's reads: points of the same table whose addresses touch, overlap or lie at most
/// `maximumGap` apart share one request, up to the protocol's 125 registers or 2000 bits per read, so a group
/// of 40 points costs a handful of round trips instead of 40.
///
/// A gap reads addresses no point needs; devices that refuse unmapped addresses (exception 2) need
/// `maximumGap` 0, the default. The unit id is the poll group's, so every point planned together shares it.
public struct ModbusRequestPlanner: Hashable, Sendable {
    /// Unused addresses a request may span to join two points.
    public var maximumGap: Int
    /// The largest register read; 125 is the protocol's limit, some devices take less.
    public var maximumRegisters: Int
    /// The largest bit read; 2000 is the protocol's limit.
    public var maximumBits: Int

    public init(maximumGap: Int = 0, maximumRegisters: Int = 125, maximumBits: Int = 2000) {
        self.maximumGap = max(0, maximumGap)
        self.maximumRegisters = min(max(1, maximumRegisters), 125)
        self.maximumBits = min(max(1, maximumBits), 2000)
    }

    /// The reads that cover `points` (validated ones), by table in `ModbusTable` order and by address.
    ///
    /// - Complexity: O(n log n) for n points.
    public func plan(_ points: [ModbusPoint]) -> [ModbusReadBlock] {
        let order = points.indices.sorted { left, right in
            let (a, b) = (points[left], points[right])
            let tables = ModbusTable.allCases
            if a.table != b.table { return tables.firstIndex(of: a.table)! < tables.firstIndex(of: b.table)! }
            return a.address != b.address ? a.address < b.address : left < right
        }
        var blocks: [ModbusReadBlock] = []
        for index in order {
            let point = points[index]
            let limit = point.table.holdsBits ? maximumBits : maximumRegisters
            if var last = blocks.last, last.table == point.table,
                point.address <= last.addresses.upperBound + maximumGap,
                max(last.addresses.upperBound, point.addresses.upperBound) - last.address <= limit
            {
                last.count = max(last.addresses.upperBound, point.addresses.upperBound) - last.address
                last.pointIndices.append(index)
                blocks[blocks.count - 1] = last
            } else {
                blocks.append(
                    ModbusReadBlock(
                        table: point.table, address: point.address, count: point.count, pointIndices: [index]))
            }
        }
        return blocks
    }
}
