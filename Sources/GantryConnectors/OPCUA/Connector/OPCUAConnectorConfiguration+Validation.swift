extension OPCUAConnectorConfiguration {
    /// Checks everything that can be checked without the server.
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)` naming the field: a bad endpoint URL, an empty or
    ///   duplicate point name, an unparsable NodeId, an interval out of range, an empty user name.
    public func validate() throws(ConnectorError) {
        do throws(ConnectorError) {
            _ = try OPCUAEndpoint(parsing: endpoint)
        } catch {
            throw ConnectorError(.invalidConfiguration, "endpoint: \(error.message)")
        }
        guard (10...3_600_000).contains(publishingIntervalMilliseconds) else {
            throw ConnectorError(
                .invalidConfiguration,
                "publishingIntervalMilliseconds: \(publishingIntervalMilliseconds) is not between 10 and 3600000")
        }
        if case .userName(let name, _) = identity, name.isEmpty {
            throw ConnectorError(.invalidConfiguration, "identity.userName: the user name is empty")
        }
        // A floor of 50 ms: a connector that cannot reach its server must not spin on reconnection.
        guard (50...60_000).contains(reconnectInitialMilliseconds),
            (reconnectInitialMilliseconds...3_600_000).contains(reconnectMaximumMilliseconds)
        else {
            throw ConnectorError(
                .invalidConfiguration,
                "reconnectInitialMilliseconds/reconnectMaximumMilliseconds: need 50 <= initial <= 60000 and "
                    + "initial <= maximum <= 3600000")
        }
        var names: Set<String> = []
        for (index, point) in points.enumerated() {
            guard !point.name.isEmpty else {
                throw ConnectorError(.invalidConfiguration, "points[\(index)].name: the point name is empty")
            }
            guard names.insert(point.name).inserted else {
                throw ConnectorError(
                    .invalidConfiguration, "points[\(index)].name: '\(point.name)' is used by another point")
            }
            do throws(ConnectorError) {
                _ = try OPCUANodeId(parsing: point.node)
            } catch {
                throw ConnectorError(.invalidConfiguration, "points[\(index)].node: \(error.message)")
            }
            guard (0...3_600_000).contains(point.samplingIntervalMilliseconds) else {
                throw ConnectorError(
                    .invalidConfiguration,
                    "points[\(index)].samplingIntervalMilliseconds: \(point.samplingIntervalMilliseconds) "
                        + "is not between 0 and 3600000")
            }
        }
    }

    /// The monitored items for the subscription; call after `validate()`.
    func monitoredItems() throws(ConnectorError) -> [OPCUAMonitoredItem] {
        var items: [OPCUAMonitoredItem] = []
        for point in points {
            items.append(
                OPCUAMonitoredItem(
                    name: point.name, node: try OPCUANodeId(parsing: point.node),
                    samplingInterval: .milliseconds(point.samplingIntervalMilliseconds)))
        }
        return items
    }
}
