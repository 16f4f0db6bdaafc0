extension ConnectorError {
    /// A Modbus exception response as an error, worded for a plant engineer:
    /// `illegal data address at holding 0 (exception 02 to write single register (6), unit 1)`.
    public static func modbusException(
        _ code: ModbusExceptionCode, answering request: ModbusRequest, unit: UInt8
    ) -> ConnectorError {
        let (table, address) = request.target
        return ConnectorError(
            .refused,
            "\(code) at \(table.shortName) \(address) (exception \(hex(code.rawValue)) to \(request.functionCode), "
                + "unit \(unit))")
    }
}
