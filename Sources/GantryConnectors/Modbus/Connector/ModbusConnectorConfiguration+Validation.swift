extension ModbusConnectorConfiguration {
    /// Checks everything a connector needs before it starts, so a typo is refused at load time with a
    /// message naming the group, point and field, not found at 3 a.m. as a point that never reads.
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)`.
    public func validate() throws(ConnectorError) {
        func refuse(_ reason: String) -> ConnectorError {
            ConnectorError(.invalidConfiguration, "Modbus connector \(host):\(port): \(reason)")
        }
        guard !host.isEmpty else { throw ConnectorError(.invalidConfiguration, "Modbus connector: host is empty") }
        guard (1...65_535).contains(port) else { throw refuse("port \(port) is outside 1…65535") }
        guard (1...600_000).contains(timeoutMilliseconds) else {
            throw refuse("timeoutMilliseconds \(timeoutMilliseconds) is outside 1…600000")
        }
        guard (1...600_000).contains(connectTimeoutMilliseconds) else {
            throw refuse("connectTimeoutMilliseconds \(connectTimeoutMilliseconds) is outside 1…600000")
        }
        guard (0...5).contains(retries) else { throw refuse("retries \(retries) is outside 0…5") }
        guard (1...256).contains(maximumInFlight) else {
            throw refuse("maximumInFlight \(maximumInFlight) is outside 1…256")
        }
        // A floor of 50 ms: a connector that cannot reach its PLC must not spin on reconnection.
        guard (50...60_000).contains(reconnectInitialMilliseconds),
            (reconnectInitialMilliseconds...3_600_000).contains(reconnectMaximumMilliseconds)
        else {
            throw refuse(
                "the reconnect backoff needs 50 ≤ reconnectInitialMilliseconds ≤ 60000 and "
                    + "reconnectInitialMilliseconds ≤ reconnectMaximumMilliseconds ≤ 3600000")
        }
        guard !groups.isEmpty else { throw refuse("no poll groups") }
        var groupNames: Set<String> = []
        var pointNames: [String: String] = [:]
        for group in groups {
            guard !group.name.isEmpty else { throw refuse("a poll group has an empty name") }
            guard groupNames.insert(group.name).inserted else {
                throw refuse("two poll groups are named \"\(group.name)\"")
            }
            let place = "poll group \"\(group.name)\""
            guard (0...255).contains(group.unitID) else {
                throw refuse("\(place): unitID \(group.unitID) is outside 0…255")
            }
            guard group.scanRateMilliseconds >= 10 else {
                throw refuse("\(place): scanRateMilliseconds \(group.scanRateMilliseconds) is below 10")
            }
            guard (0...124).contains(group.maximumGap) else {
                throw refuse("\(place): maximumGap \(group.maximumGap) is outside 0…124")
            }
            guard !group.points.isEmpty else { throw refuse("\(place) has no points") }
            for point in group.points {
                do {
                    try point.validate()
                } catch {
                    throw refuse("\(place): \(error.message)")
                }
                if let other = pointNames.updateValue(group.name, forKey: point.name) {
                    throw refuse(
                        other == group.name
                            ? "\(place): two points are named \"\(point.name)\""
                            : "point \"\(point.name)\" is in poll group \"\(other)\" and in \"\(group.name)\"")
                }
            }
        }
    }
}
