import NIOCore

/// One response PDU a device sends back: the data of a read, the echo of a write, or an exception.
public enum ModbusResponse: Hashable, Sendable {
    /// FC1/FC2: the packed bits as sent, `byte count × 8` of them (the request says how many count).
    case bits(ModbusTable, [Bool])
    /// FC3/FC4: the registers read.
    case registers(ModbusTable, [UInt16])
    /// FC5 echo.
    case wroteCoil(address: UInt16, value: Bool)
    /// FC6 echo.
    case wroteRegister(address: UInt16, value: UInt16)
    /// FC15 answer: where and how many coils were written.
    case wroteCoils(address: UInt16, count: UInt16)
    /// FC16 answer: where and how many registers were written.
    case wroteRegisters(address: UInt16, count: UInt16)
    /// `0x80 | function` and the device's reason for refusing.
    case exception(function: UInt8, code: ModbusExceptionCode)

    /// The function code on the wire, with the exception flag for an exception.
    public var rawFunctionCode: UInt8 {
        switch self {
        case .bits(let table, _), .registers(let table, _): table.readFunction.rawValue
        case .wroteCoil: ModbusFunctionCode.writeSingleCoil.rawValue
        case .wroteRegister: ModbusFunctionCode.writeSingleRegister.rawValue
        case .wroteCoils: ModbusFunctionCode.writeMultipleCoils.rawValue
        case .wroteRegisters: ModbusFunctionCode.writeMultipleRegisters.rawValue
        case .exception(let function, _): function | ModbusFunctionCode.exceptionFlag
        }
    }

    /// Appends the PDU (function code and data, no MBAP header).
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(rawFunctionCode)
        switch self {
        case .bits(_, let bits):
            let packed = ModbusBits.pack(bits)
            buffer.writeInteger(UInt8(packed.count))
            buffer.writeBytes(packed)
        case .registers(_, let values):
            buffer.writeInteger(UInt8(values.count * 2))
            for value in values { buffer.writeInteger(value) }
        case .wroteCoil(let address, let value):
            buffer.writeMultipleIntegers(address, value ? UInt16(0xFF00) : 0)
        case .wroteRegister(let address, let value):
            buffer.writeMultipleIntegers(address, value)
        case .wroteCoils(let address, let count), .wroteRegisters(let address, let count):
            buffer.writeMultipleIntegers(address, count)
        case .exception(_, let code):
            buffer.writeInteger(code.rawValue)
        }
    }
}
