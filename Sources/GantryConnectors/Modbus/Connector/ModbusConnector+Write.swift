import GantryCore

extension ModbusConnector {
    /// Writes `value` to the point called `name`, over the running link: the platform's Control road.
    ///
    /// - Throws: `ConnectorError` with `.invalidConfiguration` (no such point, a read-only one, a value that
    ///   does not fit), `.unreachable` (the link is down), `.refused` (the device's exception), `.timeout` or
    ///   `.protocolViolation`.
    public func write(_ name: String, value: SampleValue) async throws(ConnectorError) {
        guard let group = configuration.groups.first(where: { $0.points.contains { $0.name == name } }),
            let point = group.points.first(where: { $0.name == name })
        else {
            throw ConnectorError(.invalidConfiguration, "the Modbus connector has no point named \"\(name)\"")
        }
        guard let client = connection.withLock({ $0 }), client.isConnected else {
            throw ConnectorError(
                .unreachable,
                "cannot write \"\(name)\": the link to \(configuration.host):\(configuration.port) is down")
        }
        status.update { $0.requests += 1 }
        do {
            try await client.write(point, value: value, unit: UInt8(group.unitID))
        } catch {
            status.update { $0.errors += 1 }
            throw error
        }
    }
}
