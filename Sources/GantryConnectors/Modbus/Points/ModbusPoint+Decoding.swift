import GantryCore

extension ModbusPoint {
    /// The value of a coil or discrete input point.
    public func value(fromBit bit: Bool) -> SampleValue {
        .bool(bit)
    }

    /// The engineering value of a register point from its `count` registers, as the device sent them, and its
    /// quality: good, or `outOfRange` for a float that is NaN or infinite.
    ///
    /// Integers stay `.int` when scale is 1 and offset 0, and become `.double` otherwise; floats are `.double`.
    public func value(fromRegisters registers: some Collection<UInt16>) -> (SampleValue, Quality) {
        precondition(registers.count == count, "point \(name) spans \(count) registers, given \(registers.count)")
        switch type {
        case .bool:
            return (.bool(registers.first! >> UInt16(bit ?? 0) & 1 == 1), .good)
        case .string:
            let bytes = ModbusRegisterLayout(wordOrder: .bigEndian, byteOrder: byteOrder).bytes(from: registers)
            let text = bytes.prefix { $0 != 0 }
            return (.string(String(decoding: text, as: UTF8.self)), .good)
        case .float32, .float64:
            let raw = Self.integer(registers, layout)
            let number = type == .float32 ? Double(Float(bitPattern: UInt32(raw))) : Double(bitPattern: raw)
            return (.double(number * scale + offset), number.isFinite ? .good : ConnectorQuality.outOfRange)
        case .int16, .uint16, .int32, .uint32:
            let raw = Self.integer(registers, layout)
            let number: Int64 =
                switch type {
                case .int16: Int64(Int16(truncatingIfNeeded: raw))
                case .int32: Int64(Int32(truncatingIfNeeded: raw))
                default: Int64(raw)
                }
            if scale == 1, offset == 0 { return (.int(number), .good) }
            return (.double(Double(number) * scale + offset), .good)
        }
    }

    /// A value of the point's kind for a reading that has none (bad quality and nothing read before).
    public var placeholderValue: SampleValue {
        switch type {
        case .bool: .bool(false)
        case .string: .string("")
        case .float32, .float64: .double(0)
        default: scale == 1 && offset == 0 ? .int(0) : .double(0)
        }
    }

    var layout: ModbusRegisterLayout {
        ModbusRegisterLayout(wordOrder: wordOrder, byteOrder: byteOrder)
    }

    private static func integer(_ registers: some Collection<UInt16>, _ layout: ModbusRegisterLayout) -> UInt64 {
        ModbusRegisterLayout.integer(layout.bytes(from: registers))
    }
}
