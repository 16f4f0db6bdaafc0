import GantryCore

extension OPCUAConnector {
    /// Writes a value to the node behind `point`, converted to the node's type: the platform's Control road.
    ///
    /// - Throws: `.invalidConfiguration` for an unknown point name; `.unreachable` while the link is down;
    ///   `.refused` naming the node and status when the server refuses (read-only, wrong type).
    public func write(_ point: String, value: SampleValue) async throws(ConnectorError) {
        guard let item = items.first(where: { $0.name == point }) else {
            throw ConnectorError(.invalidConfiguration, "no OPC UA point named '\(point)' in this connector")
        }
        guard let client = current.withLock({ $0 }) else {
            throw ConnectorError(
                .unreachable, "cannot write '\(point)': the OPC UA server \(configuration.endpoint) is not connected")
        }
        try await client.write(item.node, value)
    }
}
