import GantryCore

/// The platform supervises an OPC UA connector like any other device connector.
extension OPCUAConnector: DeviceConnector {
    public func write(point: String, value: SampleValue) async throws(ConnectorError) {
        try await write(point, value: value)
    }
}
