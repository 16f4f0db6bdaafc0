import GantryConnectors
import GantryCore
import Testing

/// Merging points into few reads, within the protocol's limits, and cutting answers back per point.
@Suite struct ModbusRequestPlannerTests {
    static func register(_ name: String, _ address: Int, _ type: ModbusDataType = .uint16) -> ModbusPoint {
        ModbusPoint(name: name, table: .holdingRegister, address: address, type: type)
    }

    @Test func mergesContiguousPointsOfOneTable() {
        let points = [
            Self.register("c", 4), Self.register("a", 0, .float32), Self.register("b", 2, .uint32),
            ModbusPoint(name: "coil", table: .coil, address: 0, type: .bool),
            ModbusPoint(name: "di", table: .discreteInput, address: 0, type: .bool),
            ModbusPoint(name: "coil1", table: .coil, address: 1, type: .bool),
        ]
        let blocks = ModbusRequestPlanner().plan(points)
        #expect(
            blocks.map(\.request) == [
                .read(.coil, address: 0, count: 2), .read(.discreteInput, address: 0, count: 1),
                .read(.holdingRegister, address: 0, count: 5),
            ])
        #expect(blocks.map(\.pointIndices) == [[3, 5], [4], [1, 2, 0]])
    }

    @Test func keepsGapsApartUnlessAllowed() {
        let points = [Self.register("a", 0), Self.register("b", 3), Self.register("c", 10)]
        #expect(ModbusRequestPlanner().plan(points).count == 3)
        let gapped = ModbusRequestPlanner(maximumGap: 2).plan(points)
        #expect(
            gapped.map(\.request) == [
                .read(.holdingRegister, address: 0, count: 4), .read(.holdingRegister, address: 10, count: 1),
            ])
        #expect(ModbusRequestPlanner(maximumGap: 6).plan(points).map(\.count) == [11])
    }

    @Test func mergesOverlappingPoints() {
        let points = [
            ModbusPoint(name: "bit0", table: .inputRegister, address: 5, type: .bool, bit: 0),
            ModbusPoint(name: "word", table: .inputRegister, address: 5, type: .uint16),
            ModbusPoint(name: "bit9", table: .inputRegister, address: 5, type: .bool, bit: 9),
        ]
        let blocks = ModbusRequestPlanner().plan(points)
        #expect(blocks.map(\.request) == [.read(.inputRegister, address: 5, count: 1)])
        let response = ModbusResponse.registers(.inputRegister, [0x0201])
        #expect(points.map { blocks[0].value(of: $0, in: response).0 } == [.bool(true), .int(513), .bool(true)])
    }

    @Test func splitsAtTheProtocolLimits() {
        let registers = (0..<130).map { Self.register("r\($0)", $0) }
        #expect(ModbusRequestPlanner().plan(registers).map(\.count) == [125, 5])
        let floats = (0..<63).map { Self.register("f\($0)", $0 * 2, .float32) }
        #expect(ModbusRequestPlanner().plan(floats).map(\.count) == [124, 2], "a float never straddles two reads")
        let coils = (0..<2001).map { ModbusPoint(name: "c\($0)", table: .coil, address: $0, type: .bool) }
        #expect(ModbusRequestPlanner().plan(coils).map(\.count) == [2000, 1])
        #expect(ModbusRequestPlanner(maximumRegisters: 10).plan(registers).count == 13)
    }

    @Test func cutsAnswersBackPerPoint() {
        let points = [Self.register("a", 10, .float32), Self.register("b", 12, .int16)]
        let block = ModbusRequestPlanner().plan(points)[0]
        let answer = ModbusResponse.registers(.holdingRegister, [0x4291, 0, 0xFFFF])
        #expect(block.value(of: points[0], in: answer).0 == .double(72.5))
        #expect(block.value(of: points[1], in: answer).0 == .int(-1))
        let refused = ModbusResponse.exception(function: 3, code: .illegalDataAddress)
        #expect(block.value(of: points[1], in: refused).1 == ConnectorQuality.addressUnknown)
        let bits = ModbusResponse.bits(.coil, [false, false, true, false, false, false, false, false])
        let coil = ModbusPoint(name: "c", table: .coil, address: 2, type: .bool)
        let coils = ModbusReadBlock(table: .coil, address: 0, count: 3, pointIndices: [0])
        #expect(coils.value(of: coil, in: bits).0 == .bool(true))
    }
}
