import Foundation
import GantryCore
import SQLKit

extension MetadataStore {
    /// Registers a device with the hash of its secret; its asset must exist and its name be free
    /// within the enterprise.
    public func createDevice(_ device: Device, secretHash: String) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            guard try await Self.assetRecord(path: device.assetPath, in: sql) != nil else {
                throw MetadataStoreError(.parentMissing, "asset '\(device.assetPath)' does not exist; create it first")
            }
            let taken = try await sql.raw("SELECT id FROM devices WHERE username = \(bind: device.username)").first()
            guard taken == nil else {
                throw MetadataStoreError(
                    .alreadyExists,
                    "a device called '\(device.name)' already exists in '\(device.assetPath.enterprise ?? "")'")
            }
            try await sql.raw(
                """
                INSERT INTO devices (id, enterprise, name, asset_path, username, secret_hash, description,
                                     created_at, updated_at)
                VALUES (\(bind: device.id.uuidString), \(bind: device.assetPath.enterprise ?? ""), \(bind: device.name),
                        \(bind: device.assetPath.description), \(bind: device.username), \(bind: secretHash),
                        \(bind: device.description), \(bind: device.createdAt.millisecondsSinceEpoch),
                        \(bind: device.updatedAt.millisecondsSinceEpoch))
                """
            ).run()
        }
    }

    /// The device with `id`, if it exists.
    public func device(id: UUID) async throws(MetadataStoreError) -> Device? {
        try await database.read { sql in
            try await sql.raw(
                "SELECT \(unsafeRaw: DeviceRecord.columns) FROM devices WHERE id = \(bind: id.uuidString)"
            ).first(decoding: DeviceRecord.self)?.device()
        }
    }

    /// The device that logs in as `username`, with its secret's hash, for protocol logins.
    public func deviceCredentials(username: String) async throws(MetadataStoreError) -> (Device, String)? {
        try await database.read { sql in
            guard
                let record = try await sql.raw(
                    "SELECT \(unsafeRaw: DeviceRecord.columns) FROM devices WHERE username = \(bind: username)"
                ).first(decoding: DeviceRecord.self)
            else { return nil }
            return (try record.device(), record.secretHash)
        }
    }

    /// The devices bound to `path` or to one of its ancestors, nearest first: who can carry out a command for
    /// the equipment at `path`. One indexed lookup per level (at most six).
    public func devices(servingEquipmentAt path: AssetPath) async throws(MetadataStoreError) -> [Device] {
        var paths: [AssetPath] = []
        var level = path
        while !level.isRoot {
            paths.append(level)
            level = level.parent
        }
        let candidates = paths
        return try await database.read { sql in
            var found: [Device] = []
            for candidate in candidates {
                let records = try await sql.raw(
                    """
                    SELECT \(unsafeRaw: DeviceRecord.columns) FROM devices WHERE asset_path = \(bind: candidate.description)
                    ORDER BY name
                    """
                ).all(decoding: DeviceRecord.self)
                found += try records.map { try $0.device() }
            }
            return found
        }
    }

    /// One page of devices, in asset-path then name order.
    public func devices(_ query: ListQuery) async throws(MetadataStoreError) -> Page<Device> {
        let condition = query.condition(pathColumn: "asset_path", scopeColumn: "asset_path")
        return try await page(
            of: "devices", columns: DeviceRecord.columns, where: condition, orderBy: "asset_path, name", query
        ) { (record: DeviceRecord) throws(MetadataStoreError) in try record.device() }
    }

    /// Changes a device's description or the asset it is bound to (within the same enterprise), and
    /// its secret when `secretHash` is given.
    public func updateDevice(_ device: Device, secretHash: String? = nil) async throws(MetadataStoreError) -> Device {
        try await database.transaction { sql in
            guard try await Self.assetRecord(path: device.assetPath, in: sql) != nil else {
                throw MetadataStoreError(.parentMissing, "asset '\(device.assetPath)' does not exist; create it first")
            }
            let existing = try await sql.raw("SELECT id FROM devices WHERE id = \(bind: device.id.uuidString)").first()
            guard existing != nil else {
                throw MetadataStoreError(.notFound, "device '\(device.username)' does not exist")
            }
            try await sql.raw(
                """
                UPDATE devices SET asset_path = \(bind: device.assetPath.description),
                       description = \(bind: device.description),
                       updated_at = \(bind: device.updatedAt.millisecondsSinceEpoch)
                WHERE id = \(bind: device.id.uuidString)
                """
            ).run()
            if let secretHash {
                try await sql.raw(
                    "UPDATE devices SET secret_hash = \(bind: secretHash) WHERE id = \(bind: device.id.uuidString)"
                ).run()
            }
            return device
        }
    }

    /// Removes a device and its connector; its credentials stop working at once.
    public func deleteDevice(_ device: Device) async throws(MetadataStoreError) {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM device_connectors WHERE device_id = \(bind: device.id.uuidString)").run()
            try await sql.raw("DELETE FROM devices WHERE id = \(bind: device.id.uuidString)").run()
        }
    }
}
