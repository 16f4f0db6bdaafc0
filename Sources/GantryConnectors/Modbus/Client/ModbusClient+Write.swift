import GantryCore

extension ModbusClient {
    /// Writes `value` to `point` of `unit`: FC5 for a coil, FC6 for a one-register type, FC16 for wider types.
    ///
    /// - Throws: `ConnectorError` with `.invalidConfiguration` (a read-only point, a value of the wrong kind
    ///   or out of range), `.refused` (the device's exception, e.g. `illegal data address at holding 0`),
    ///   `.timeout`, `.unreachable` or `.protocolViolation`.
    public func write(_ point: ModbusPoint, value: SampleValue, unit: UInt8) async throws(ConnectorError) {
        try point.validate()
        let request = try point.writeRequest(for: value)
        try request.validate()
        _ = try await perform(request, unit: unit)
    }
}
