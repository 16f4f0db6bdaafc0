extension ModbusPoint {
    /// Checks that the point can be read (and, for coils and holding registers, written), with a message
    /// that names it and the field at fault.
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)`.
    public func validate() throws(ConnectorError) {
        func refuse(_ reason: String) -> ConnectorError {
            ConnectorError(.invalidConfiguration, "point \"\(name)\": \(reason)")
        }
        guard !name.isEmpty else { throw ConnectorError(.invalidConfiguration, "a point has an empty name") }
        guard (0...65_535).contains(address) else { throw refuse("address \(address) is outside 0…65535") }
        if table.holdsBits, type != .bool {
            throw refuse("\(table.pluralName) hold single bits: the type must be bool, not \(type.rawValue)")
        }
        switch (type, bit) {
        case (.bool, nil) where !table.holdsBits:
            throw refuse("a bool in \(table.pluralName) needs `bit` (0…15)")
        case (.bool, let bit?) where table.holdsBits:
            throw refuse("bit \(bit) applies only to registers, not to \(table.pluralName)")
        case (.bool, let bit?) where !(0...15).contains(bit):
            throw refuse("bit \(bit) is outside 0…15")
        case (.bool, _), (_, nil):
            break
        case (_, let bit?):
            throw refuse("bit \(bit) applies only to type bool, not \(type.rawValue)")
        }
        switch (type, length) {
        case (.string, nil):
            throw refuse("a string needs `length`, its number of registers")
        case (.string, let length?) where !(1...table.maximumReadCount).contains(length):
            throw refuse("length \(length) is outside 1…\(table.maximumReadCount) registers")
        case (.string, _), (_, nil):
            break
        case (_, let length?):
            throw refuse("length \(length) applies only to type string, not \(type.rawValue)")
        }
        guard addresses.upperBound <= 65_536 else {
            throw refuse("its \(count) registers from \(address) pass address 65535")
        }
        guard scale.isFinite, scale != 0 else { throw refuse("scale \(scale) must be finite and not 0") }
        guard offset.isFinite else { throw refuse("offset \(offset) must be finite") }
        if !type.isNumeric, scale != 1 || offset != 0 {
            throw refuse("scale and offset apply only to numeric types, not \(type.rawValue)")
        }
    }
}
