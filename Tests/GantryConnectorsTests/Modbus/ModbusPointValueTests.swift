import GantryConnectors
import GantryCore
import Testing

/// Registers to values and back, for every data type in every word and byte order.
@Suite struct ModbusPointValueTests {
    static let orders: [(ModbusWordOrder, ModbusByteOrder)] = ModbusWordOrder.allCases.flatMap { word in
        ModbusByteOrder.allCases.map { (word, $0) }
    }

    static let samples: [(ModbusDataType, SampleValue)] = [
        (.int16, .int(-12_345)), (.uint16, .int(54_321)), (.int32, .int(-2_000_000_123)),
        (.uint32, .int(4_000_000_123)), (.float32, .double(72.5)), (.float64, .double(-1234.5678901234)),
        (.string, .string("PUMP-7")),
    ]

    @Test(arguments: samples)
    func roundTripsInEveryOrder(type: ModbusDataType, value: SampleValue) throws {
        for (wordOrder, byteOrder) in Self.orders {
            let point = ModbusPoint(
                name: "p", table: .holdingRegister, address: 100, type: type, length: type == .string ? 4 : nil,
                wordOrder: wordOrder, byteOrder: byteOrder)
            try point.validate()
            let registers = try Self.registers(point.writeRequest(for: value))
            #expect(registers.count == point.count)
            let (decoded, quality) = point.value(fromRegisters: registers)
            #expect(decoded == value, "\(type) \(wordOrder)/\(byteOrder)")
            #expect(quality == .good)
        }
    }

    /// 0x12345678 as the four orders lay it out: ABCD, CDAB, BADC, DCBA.
    @Test(arguments: [
        (ModbusWordOrder.bigEndian, ModbusByteOrder.bigEndian, [UInt16(0x1234), 0x5678]),
        (.littleEndian, .bigEndian, [0x5678, 0x1234]),
        (.bigEndian, .littleEndian, [0x3412, 0x7856]),
        (.littleEndian, .littleEndian, [0x7856, 0x3412]),
    ])
    func laysOutTheFourOrders(wordOrder: ModbusWordOrder, byteOrder: ModbusByteOrder, registers: [UInt16]) throws {
        let point = ModbusPoint(
            name: "p", table: .holdingRegister, address: 0, type: .uint32, wordOrder: wordOrder, byteOrder: byteOrder)
        #expect(point.value(fromRegisters: registers).0 == .int(0x1234_5678))
        #expect(try Self.registers(point.writeRequest(for: .int(0x1234_5678))) == registers)
    }

    @Test func readsKnownBitPatterns() {
        func value(_ type: ModbusDataType, _ registers: [UInt16]) -> SampleValue {
            ModbusPoint(name: "p", table: .inputRegister, address: 0, type: type).value(fromRegisters: registers).0
        }
        #expect(value(.int16, [0xFFFE]) == .int(-2))
        #expect(value(.uint16, [0xFFFE]) == .int(65_534))
        #expect(value(.int32, [0xFFFF, 0xFFFF]) == .int(-1))
        #expect(value(.uint32, [0xFFFF, 0xFFFF]) == .int(4_294_967_295))
        #expect(value(.float32, [0x4291, 0x0000]) == .double(72.5))
        #expect(value(.float64, [0x4059, 0x0000, 0x0000, 0x0000]) == .double(100))
    }

    @Test func scalesAndOffsets() throws {
        let pressure = ModbusPoint(name: "p", table: .holdingRegister, address: 4, type: .uint16, scale: 0.01)
        #expect(pressure.value(fromRegisters: [153]).0 == .double(1.53))
        #expect(try Self.registers(pressure.writeRequest(for: .double(1.53))) == [153])
        let celsius = ModbusPoint(name: "t", table: .holdingRegister, address: 0, type: .int16, scale: 0.1, offset: -40)
        #expect(celsius.value(fromRegisters: [650]).0 == .double(25))
        #expect(try Self.registers(celsius.writeRequest(for: .int(25))) == [650])
    }

    @Test func readsBitsOfRegistersAndBitTables() {
        let bit = ModbusPoint(name: "b", table: .holdingRegister, address: 0, type: .bool, bit: 15)
        #expect(bit.value(fromRegisters: [0x8000]).0 == .bool(true))
        #expect(bit.value(fromRegisters: [0x7FFF]).0 == .bool(false))
        let coil = ModbusPoint(name: "c", table: .coil, address: 0, type: .bool)
        #expect(coil.value(fromBit: true) == .bool(true))
    }

    @Test func marksANaNFloatOutOfRange() {
        let point = ModbusPoint(name: "p", table: .inputRegister, address: 0, type: .float32)
        #expect(point.value(fromRegisters: [0x7FC0, 0x0000]).1 == ConnectorQuality.outOfRange)
    }

    @Test func choosesTheWriteFunction() throws {
        let coil = ModbusPoint(name: "c", table: .coil, address: 0, type: .bool)
        #expect(try coil.writeRequest(for: .bool(true)) == .writeCoil(address: 0, value: true))
        let scratch = ModbusPoint(name: "s", table: .holdingRegister, address: 12, type: .uint16)
        #expect(try scratch.writeRequest(for: .int(7)) == .writeRegister(address: 12, value: 7))
        let setpoint = ModbusPoint(name: "sp", table: .holdingRegister, address: 10, type: .float32)
        #expect(try setpoint.writeRequest(for: .double(72.5)) == .writeRegisters(address: 10, values: [0x4291, 0]))
    }

    @Test(arguments: [
        (
            ModbusPoint(name: "i", table: .inputRegister, address: 0, type: .uint16), SampleValue.int(1),
            "cannot write point \"i\": input registers are read-only"
        ),
        (
            ModbusPoint(name: "u", table: .holdingRegister, address: 0, type: .uint16), .int(70_000),
            "cannot write point \"u\": 70000 is raw 70000.0, outside the range of uint16"
        ),
        (
            ModbusPoint(name: "u", table: .holdingRegister, address: 0, type: .uint16), .string("x"),
            "cannot write point \"u\": a uint16 point takes a number, not \"x\""
        ),
        (
            ModbusPoint(name: "b", table: .holdingRegister, address: 0, type: .bool, bit: 3), .bool(true),
            "cannot write point \"b\": bit 3 of a register cannot be written alone"
        ),
        (
            ModbusPoint(name: "c", table: .coil, address: 0, type: .bool), .double(0.5),
            "cannot write point \"c\": a coil takes true or false, not 0.5"
        ),
    ])
    func refusesWritesThatCannotWork(point: ModbusPoint, value: SampleValue, message: String) {
        let error = #expect(throws: ConnectorError.self) { try point.writeRequest(for: value) }
        #expect(error == ConnectorError(.invalidConfiguration, message))
    }

    static func registers(_ request: ModbusRequest) -> [UInt16] {
        switch request {
        case .writeRegister(_, let value): [value]
        case .writeRegisters(_, let values): values
        default: []
        }
    }
}
