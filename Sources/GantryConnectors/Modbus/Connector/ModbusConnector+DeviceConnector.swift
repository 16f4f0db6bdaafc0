import GantryCore

/// The platform supervises a Modbus connector like any other device connector.
extension ModbusConnector: DeviceConnector {
    public func write(point: String, value: SampleValue) async throws(ConnectorError) {
        try await write(point, value: value)
    }
}
