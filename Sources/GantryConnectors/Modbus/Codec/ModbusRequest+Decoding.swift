import NIOCore

extension ModbusRequest {
    /// Decodes a request PDU (function code and data), as a device would; used to check recorded traffic.
    ///
    /// - Throws: `ConnectorError(.protocolViolation)` naming the unknown function, the wrong length or the
    ///   byte count that does not match the data.
    public static func decode(_ pdu: ByteBuffer) throws(ConnectorError) -> ModbusRequest {
        var pdu = pdu
        guard let raw = pdu.readInteger(as: UInt8.self) else {
            throw ConnectorError(.protocolViolation, "empty Modbus request PDU")
        }
        let function = try ModbusFunctionCode.parse(raw)
        var reader = ModbusPDUReader(pdu, what: "\(function) request")
        let request: ModbusRequest
        switch function {
        case .readCoils, .readDiscreteInputs, .readHoldingRegisters, .readInputRegisters:
            try reader.expectRemaining(4)
            let table = ModbusTable.allCases.first { $0.readFunction == function }!
            request = .read(table, address: try reader.uint16(), count: try reader.uint16())
        case .writeSingleCoil:
            try reader.expectRemaining(4)
            request = .writeCoil(address: try reader.uint16(), value: try reader.coilValue())
        case .writeSingleRegister:
            try reader.expectRemaining(4)
            request = .writeRegister(address: try reader.uint16(), value: try reader.uint16())
        case .writeMultipleCoils:
            let address = try reader.uint16()
            let count = Int(try reader.uint16())
            let bytes = try reader.counted()
            guard bytes.count == (count + 7) / 8 else {
                throw ConnectorError(
                    .protocolViolation, "\(function) request of \(count) coils has byte count \(bytes.count)")
            }
            request = .writeCoils(address: address, values: Array(ModbusBits.unpack(bytes).prefix(count)))
        case .writeMultipleRegisters:
            let address = try reader.uint16()
            let count = Int(try reader.uint16())
            let bytes = try reader.counted()
            guard bytes.count == count * 2 else {
                throw ConnectorError(
                    .protocolViolation, "\(function) request of \(count) registers has byte count \(bytes.count)")
            }
            request = .writeRegisters(address: address, values: registers(from: bytes))
        }
        do {
            try request.validate()
        } catch {
            throw ConnectorError(.protocolViolation, error.message)
        }
        return request
    }

    /// Big-endian 16-bit registers from an even number of bytes.
    static func registers(from bytes: [UInt8]) -> [UInt16] {
        stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }
}
