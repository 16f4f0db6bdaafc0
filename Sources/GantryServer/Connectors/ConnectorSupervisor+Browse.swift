import Foundation
import GantryConnectors
import GantryCore
import Logging

/// One reference found while browsing an OPC UA server for the console.
struct BrowsedNode: Codable, Sendable {
    let nodeId: String
    let browseName: String
    let displayName: String
    let nodeClass: String
}

/// Browsing an OPC UA server while setting up a device's connector: the engineer walks the address space and
/// picks the variables that become points, before or after the connector is saved.
extension ConnectorSupervisor {
    /// The references of `node` on the server at `endpoint`, logging in as the device's saved connector does
    /// when it names the same endpoint (anonymously otherwise).
    func browse(endpoint: String, node: String, for device: Device) async throws -> [BrowsedNode] {
        let nodeID = try OPCUANodeId(parsing: node)
        var identity = OPCUAIdentity.anonymous
        if let stored = (try? await definition(of: device)) ?? nil, let opcua = stored.opcua,
            opcua.endpoint == endpoint
        {
            identity = opcua.identity
        }
        let client = try await OPCUAClient.connect(endpoint: endpoint, identity: identity, logger: logger)
        do {
            let references = try await client.browse(nodeID)
            await client.close()
            return references.map {
                BrowsedNode(
                    nodeId: $0.nodeId.description, browseName: $0.browseName.description,
                    displayName: $0.displayName.description, nodeClass: $0.nodeClassName)
            }
        } catch {
            await client.close()
            throw error
        }
    }
}
