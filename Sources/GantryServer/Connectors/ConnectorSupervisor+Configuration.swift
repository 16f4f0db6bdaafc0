import Foundation
import GantryConnectors
import GantryCore
import GantryStorage

/// Saving, reading and removing a device's connector: validated before anything is kept, stored before it
/// runs, so what runs is always what a restart would run again.
extension ConnectorSupervisor {
    /// Validates `definition` (every field, and every point's tag under the device's asset), stores it, and
    /// restarts the device's connector with it.
    public func save(_ definition: ConnectorDefinition, for device: Device) async throws -> ConnectorDefinition {
        let definition = definition.keepingSecrets(of: (try? await self.definition(of: device)) ?? nil)
        try definition.validate()
        _ = try definition.tagPaths(under: device.assetPath)
        try await store.saveConnector(
            StoredConnector(
                deviceID: device.id, protocol: definition.protocol.rawValue, enabled: definition.enabled,
                configuration: definition.encoded(), updatedAt: DevicePresence.now()))
        try start(device, definition)
        return definition
    }

    /// The stored connector of `device`; `nil` when it has none.
    public func definition(of device: Device) async throws -> ConnectorDefinition? {
        guard let stored = try await store.connector(deviceID: device.id) else { return nil }
        return try ConnectorDefinition.decode(stored.configuration)
    }

    /// Stops and forgets the connector of `device`; false when it had none.
    public func remove(from device: Device) async throws -> Bool {
        stop(device.id)
        return try await store.deleteConnector(deviceID: device.id)
    }

    /// The device moved or changed: its running connector starts again with the device's new asset.
    public func deviceChanged(_ device: Device) {
        guard let current = running[device.id] else { return }
        do {
            try start(device, current.definition)
        } catch {
            stop(device.id)
            logger.error(
                "connector stopped: its tags do not fit the device's new asset",
                metadata: ["device.username": "\(device.username)", "error": "\(error)"])
        }
    }

    /// The device is gone (its stored connector went with it): its connector stops.
    public func deviceRemoved(_ id: UUID) {
        stop(id)
    }
}
