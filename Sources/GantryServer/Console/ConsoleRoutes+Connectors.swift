import Foundation
import GantryConnectors

/// What the devices page says of each device's connector: its protocol and, while it runs, its link.
struct ConnectorSummary: Sendable {
    let protocolName: String
    let link: String
}

extension ConsoleRoutes {
    /// The summary of every stored connector, by device id.
    static func connectorSummaries(_ console: ConsoleContext) async throws -> [UUID: ConnectorSummary] {
        let statuses = await console.connectors.statuses()
        var summaries: [UUID: ConnectorSummary] = [:]
        for stored in try await console.plant.store.connectors() {
            summaries[stored.deviceID] = ConnectorSummary(
                protocolName: stored.protocol == ConnectorProtocol.opcua.rawValue ? "OPC UA" : "Modbus TCP",
                link: statuses[stored.deviceID]?.status.link.rawValue ?? "stopped")
        }
        return summaries
    }
}
