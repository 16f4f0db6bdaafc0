import NIOCore

/// One request PDU a Modbus master sends: a read of one table, or one of the four writes.
///
/// Encoding and decoding are pure (no I/O): the client encodes, and tests decode recorded traffic with the
/// same code to prove it byte for byte.
public enum ModbusRequest: Hashable, Sendable {
    /// FC1–FC4: `count` items of `table` from `address`.
    case read(ModbusTable, address: UInt16, count: UInt16)
    /// FC5: one coil on or off.
    case writeCoil(address: UInt16, value: Bool)
    /// FC6: one holding register.
    case writeRegister(address: UInt16, value: UInt16)
    /// FC15: consecutive coils.
    case writeCoils(address: UInt16, values: [Bool])
    /// FC16: consecutive holding registers.
    case writeRegisters(address: UInt16, values: [UInt16])

    /// The most coils one FC15 may write and registers one FC16 may write (the PDU's 253-byte limit).
    public static let maximumCoilWrite = 1968
    public static let maximumRegisterWrite = 123

    public var functionCode: ModbusFunctionCode {
        switch self {
        case .read(let table, _, _): table.readFunction
        case .writeCoil: .writeSingleCoil
        case .writeRegister: .writeSingleRegister
        case .writeCoils: .writeMultipleCoils
        case .writeRegisters: .writeMultipleRegisters
        }
    }

    /// The table and first address the request touches, for messages such as `illegal data address at holding 0`.
    public var target: (table: ModbusTable, address: UInt16) {
        switch self {
        case .read(let table, let address, _): (table, address)
        case .writeCoil(let address, _), .writeCoils(let address, _): (.coil, address)
        case .writeRegister(let address, _), .writeRegisters(let address, _): (.holdingRegister, address)
        }
    }

    /// Checks the counts against the protocol's limits, so a request that no device could accept is refused
    /// here rather than answered with exception 3.
    public func validate() throws(ConnectorError) {
        let (count, limit): (Int, Int) =
            switch self {
            case .read(let table, _, let count): (Int(count), table.maximumReadCount)
            case .writeCoil, .writeRegister: (1, 1)
            case .writeCoils(_, let values): (values.count, Self.maximumCoilWrite)
            case .writeRegisters(_, let values): (values.count, Self.maximumRegisterWrite)
            }
        guard (1...limit).contains(count) else {
            throw ConnectorError(.invalidConfiguration, "\(functionCode) of \(count) items: the limit is 1…\(limit)")
        }
        let (_, address) = target
        guard Int(address) + count <= 65_536 else {
            throw ConnectorError(
                .invalidConfiguration, "\(functionCode) of \(count) items from \(address) passes 65535")
        }
    }

    /// Appends the PDU (function code and data, no MBAP header).
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(functionCode.rawValue)
        switch self {
        case .read(_, let address, let count):
            buffer.writeMultipleIntegers(address, count)
        case .writeCoil(let address, let value):
            buffer.writeMultipleIntegers(address, value ? UInt16(0xFF00) : 0)
        case .writeRegister(let address, let value):
            buffer.writeMultipleIntegers(address, value)
        case .writeCoils(let address, let values):
            let packed = ModbusBits.pack(values)
            buffer.writeMultipleIntegers(address, UInt16(values.count), UInt8(packed.count))
            buffer.writeBytes(packed)
        case .writeRegisters(let address, let values):
            buffer.writeMultipleIntegers(address, UInt16(values.count), UInt8(values.count * 2))
            for value in values { buffer.writeInteger(value) }
        }
    }
}
