import Foundation
import GantryCore
import SQLKit

/// Device connectors: the platform's own Modbus and OPC UA clients, one per device, kept with the plant model
/// so they resume after a restart and go when their device goes.
extension MetadataStore {
    /// Creates or replaces the connector of `connector.deviceID`; the device must exist.
    public func saveConnector(_ connector: StoredConnector) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            let device = try await sql.raw("SELECT id FROM devices WHERE id = \(bind: connector.deviceID.uuidString)")
                .first()
            guard device != nil else {
                throw MetadataStoreError(.notFound, "device \(connector.deviceID) does not exist")
            }
            try await sql.raw(
                """
                INSERT INTO device_connectors (\(unsafeRaw: StoredConnector.columns))
                VALUES (\(bind: connector.deviceID.uuidString), \(bind: connector.protocol), \(bind: connector.enabled),
                        \(bind: connector.configuration), \(bind: connector.updatedAt))
                ON CONFLICT (device_id) DO UPDATE SET protocol = excluded.protocol, enabled = excluded.enabled,
                    configuration = excluded.configuration, updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    /// The connector of the device with `deviceID`, if it has one.
    public func connector(deviceID: UUID) async throws(MetadataStoreError) -> StoredConnector? {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: StoredConnector.columns) FROM device_connectors
                WHERE device_id = \(bind: deviceID.uuidString)
                """
            ).first(decoding: StoredConnector.self)
        }
    }

    /// Every connector, for the platform to start at boot.
    public func connectors() async throws(MetadataStoreError) -> [StoredConnector] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: StoredConnector.columns) FROM device_connectors ORDER BY device_id")
                .all(decoding: StoredConnector.self)
        }
    }

    /// Removes the connector of the device with `deviceID`; false when it had none.
    @discardableResult
    public func deleteConnector(deviceID: UUID) async throws(MetadataStoreError) -> Bool {
        try await database.transaction { sql in
            let existing = try await sql.raw(
                "SELECT device_id FROM device_connectors WHERE device_id = \(bind: deviceID.uuidString)"
            ).first()
            try await sql.raw("DELETE FROM device_connectors WHERE device_id = \(bind: deviceID.uuidString)").run()
            return existing != nil
        }
    }
}
