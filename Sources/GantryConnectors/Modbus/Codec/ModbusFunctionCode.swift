/// The Modbus function codes Gantry speaks: the reads and writes of the four tables. An exception response
/// carries the request's code with the high bit set (`0x80 | code`).
public enum ModbusFunctionCode: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case readCoils = 1
    case readDiscreteInputs = 2
    case readHoldingRegisters = 3
    case readInputRegisters = 4
    case writeSingleCoil = 5
    case writeSingleRegister = 6
    case writeMultipleCoils = 15
    case writeMultipleRegisters = 16

    /// The bit an exception response sets in the function code.
    public static let exceptionFlag: UInt8 = 0x80

    /// The name the Modbus specification gives the function, for error messages.
    public var description: String {
        switch self {
        case .readCoils: "read coils (1)"
        case .readDiscreteInputs: "read discrete inputs (2)"
        case .readHoldingRegisters: "read holding registers (3)"
        case .readInputRegisters: "read input registers (4)"
        case .writeSingleCoil: "write single coil (5)"
        case .writeSingleRegister: "write single register (6)"
        case .writeMultipleCoils: "write multiple coils (15)"
        case .writeMultipleRegisters: "write multiple registers (16)"
        }
    }

    /// Reads a function code, failing with a protocol violation that names the unknown code.
    static func parse(_ raw: UInt8) throws(ConnectorError) -> ModbusFunctionCode {
        guard let code = ModbusFunctionCode(rawValue: raw) else {
            throw ConnectorError(.protocolViolation, "unknown Modbus function code \(raw) (0x\(hex(raw)))")
        }
        return code
    }
}

/// Two hex digits, for error messages about bytes on the wire.
func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
