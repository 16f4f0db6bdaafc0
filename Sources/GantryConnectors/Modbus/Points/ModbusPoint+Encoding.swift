import GantryCore

extension ModbusPoint {
    /// The request that writes `value` to the point: FC5 for a coil, FC6 for a one-register type, FC16 for
    /// wider types and strings. The engineering value is turned back into the raw one (`(value − offset) /
    /// scale`, rounded for integer types).
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)` for a read-only table, a bit inside a register (which
    ///   would need a read-modify-write that races the PLC), a value of the wrong kind, or one out of range.
    public func writeRequest(for value: SampleValue) throws(ConnectorError) -> ModbusRequest {
        func refuse(_ reason: String) -> ConnectorError {
            ConnectorError(.invalidConfiguration, "cannot write point \"\(name)\": \(reason)")
        }
        guard table.isWritable else { throw refuse("\(table.pluralName) are read-only") }
        let address = UInt16(address)
        switch (table, type) {
        case (.coil, _):
            switch value {
            case .bool(let on): return .writeCoil(address: address, value: on)
            case .int(let number) where number == 0 || number == 1:
                return .writeCoil(address: address, value: number == 1)
            default: throw refuse("a coil takes true or false, not \(value.text)")
            }
        case (_, .bool):
            throw refuse("bit \(bit ?? 0) of a register cannot be written alone")
        case (_, .string):
            guard case .string(let text) = value else { throw refuse("a string point takes text, not \(value.text)") }
            let bytes = Array(text.utf8)
            guard bytes.allSatisfy({ $0 < 0x80 }), bytes.count <= count * 2 else {
                throw refuse("\"\(text)\" is not ASCII of at most \(count * 2) characters")
            }
            let padded = bytes + [UInt8](repeating: 0, count: count * 2 - bytes.count)
            let layout = ModbusRegisterLayout(wordOrder: .bigEndian, byteOrder: byteOrder)
            return .writeRegisters(address: address, values: layout.registers(from: padded))
        default:
            let registers = try rawRegisters(for: value, refuse: refuse)
            return registers.count == 1
                ? .writeRegister(address: address, value: registers[0])
                : .writeRegisters(address: address, values: registers)
        }
    }

    private func rawRegisters(
        for value: SampleValue, refuse: (String) -> ConnectorError
    ) throws(ConnectorError) -> [UInt16] {
        let engineering: Double
        switch value {
        case .double(let number): engineering = number
        case .int(let number): engineering = Double(number)
        case .bool, .string: throw refuse("a \(type.rawValue) point takes a number, not \(value.text)")
        }
        let raw = (engineering - offset) / scale
        guard raw.isFinite else { throw refuse("\(value.text) gives a raw value that is not finite") }
        let bits: UInt64
        switch type {
        case .float32: bits = UInt64(Float(raw).bitPattern)
        case .float64: bits = raw.bitPattern
        default:
            let rounded = raw.rounded()
            guard let range = type.integerRange, range.contains(rounded) else {
                throw refuse("\(value.text) is raw \(rounded), outside the range of \(type.rawValue)")
            }
            bits = UInt64(bitPattern: Int64(rounded))
        }
        return layout.registers(from: ModbusRegisterLayout.bytes(of: bits, count: count * 2))
    }
}
