import SQLKit

extension MetadataMigration {
    /// The connector of a device the platform polls or subscribes to itself (a Modbus TCP PLC, an OPC UA
    /// server): one per device, its configuration a JSON document owned by `GantryConnectors`, so a connector
    /// resumes with the platform and leaves with its device.
    static let connectors = MetadataMigration(
        version: 5, name: "device connectors",
        statements: [
            """
            CREATE TABLE device_connectors (
                device_id TEXT PRIMARY KEY,
                protocol TEXT NOT NULL,
                enabled BOOLEAN NOT NULL,
                configuration TEXT NOT NULL,
                updated_at BIGINT NOT NULL)
            """
        ])
}
