import NIOCore

extension ModbusResponse {
    /// Decodes a response PDU (function code and data).
    ///
    /// - Throws: `ConnectorError(.protocolViolation)` naming the unknown function, the wrong length, or the
    ///   byte count that does not match the data.
    public static func decode(_ pdu: ByteBuffer) throws(ConnectorError) -> ModbusResponse {
        var pdu = pdu
        guard let raw = pdu.readInteger(as: UInt8.self) else {
            throw ConnectorError(.protocolViolation, "empty Modbus response PDU")
        }
        if raw & ModbusFunctionCode.exceptionFlag != 0 {
            var reader = ModbusPDUReader(pdu, what: "exception response to function \(raw & 0x7F)")
            try reader.expectRemaining(1)
            return .exception(function: raw & 0x7F, code: ModbusExceptionCode(rawValue: try reader.uint8()))
        }
        let function = try ModbusFunctionCode.parse(raw)
        var reader = ModbusPDUReader(pdu, what: "\(function) response")
        switch function {
        case .readCoils, .readDiscreteInputs:
            let bytes = try reader.counted()
            return .bits(function == .readCoils ? .coil : .discreteInput, ModbusBits.unpack(bytes))
        case .readHoldingRegisters, .readInputRegisters:
            let bytes = try reader.counted()
            guard bytes.count % 2 == 0 else {
                throw ConnectorError(.protocolViolation, "\(function) response has an odd byte count \(bytes.count)")
            }
            let table: ModbusTable = function == .readHoldingRegisters ? .holdingRegister : .inputRegister
            return .registers(table, ModbusRequest.registers(from: bytes))
        case .writeSingleCoil:
            try reader.expectRemaining(4)
            return .wroteCoil(address: try reader.uint16(), value: try reader.coilValue())
        case .writeSingleRegister:
            try reader.expectRemaining(4)
            return .wroteRegister(address: try reader.uint16(), value: try reader.uint16())
        case .writeMultipleCoils:
            try reader.expectRemaining(4)
            return .wroteCoils(address: try reader.uint16(), count: try reader.uint16())
        case .writeMultipleRegisters:
            try reader.expectRemaining(4)
            return .wroteRegisters(address: try reader.uint16(), count: try reader.uint16())
        }
    }

    /// Why this cannot be the answer to `request` (another function, another byte count, another echo), or
    /// `nil` when it is. An exception answers any request with the same function.
    public func mismatch(answering request: ModbusRequest) -> String? {
        let function = request.functionCode
        if case .exception(let raw, _) = self {
            return raw == function.rawValue ? nil : "an exception for function \(raw) answers \(function)"
        }
        guard rawFunctionCode == function.rawValue else {
            return "function \(rawFunctionCode) answers \(function)"
        }
        switch (request, self) {
        case (.read(_, _, let count), .bits(_, let bits)):
            let expected = (Int(count) + 7) / 8
            return bits.count / 8 == expected
                ? nil : "byte count \(bits.count / 8) for \(count) bits, expected \(expected)"
        case (.read(_, _, let count), .registers(_, let values)):
            return values.count == Int(count)
                ? nil : "byte count \(values.count * 2) for \(count) registers, expected \(Int(count) * 2)"
        case (.writeCoil(let address, let value), .wroteCoil(let echoed, let echoedValue)):
            return address == echoed && value == echoedValue ? nil : "the echo of \(function) differs from the request"
        case (.writeRegister(let address, let value), .wroteRegister(let echoed, let echoedValue)):
            return address == echoed && value == echoedValue ? nil : "the echo of \(function) differs from the request"
        case (.writeCoils(let address, let values), .wroteCoils(let echoed, let count)):
            return echo(address, values.count, echoed, count, function)
        case (.writeRegisters(let address, let values), .wroteRegisters(let echoed, let count)):
            return echo(address, values.count, echoed, count, function)
        default:
            return "a \(self) does not answer \(function)"
        }
    }

    private func echo(
        _ address: UInt16, _ written: Int, _ echoed: UInt16, _ count: UInt16, _ function: ModbusFunctionCode
    ) -> String? {
        address == echoed && written == Int(count)
            ? nil : "the answer to \(function) names \(count) items at \(echoed), not \(written) at \(address)"
    }
}
