import Foundation
import GantryCore
import GantryStorage

extension PlantRegistry {
    /// Registers a device on an asset and returns it with its password, which is never shown again.
    public func createDevice(
        name: String, assetPath: AssetPath, description: String, by principal: Principal
    )
        async throws -> (Device, password: String)
    {
        try principal.rights.require(.engineer, on: assetPath)
        try AssetPath.validate(segment: name)
        guard let enterprise = assetPath.enterprise else {
            throw PlantModelError(.invalidPath, "a device must be bound to an asset")
        }
        let password = SecretGenerator.make()
        let now = Timestamp.now
        let device = Device(
            id: UUID(), name: name, assetPath: assetPath,
            username: Device.username(name: name, enterprise: enterprise), description: description, createdAt: now,
            updatedAt: now)
        try await store.createDevice(device, secretHash: try await hasher.hash(password))
        logger.info(
            "device registered", metadata: ["device.username": "\(device.username)", "asset.path": "\(assetPath)"])
        return (device, password)
    }

    /// The device with `id`, if the caller may see it.
    public func device(id: UUID, by principal: Principal) async throws -> Device {
        guard let device = try await store.device(id: id) else {
            throw MetadataStoreError(.notFound, "device \(id) does not exist")
        }
        try principal.rights.require(.viewer, on: device.assetPath)
        return device
    }

    /// The devices the caller may see, bound under `prefix`, one page at a time.
    public func devices(
        prefix: AssetPath?, limit: Int, offset: Int, by principal: Principal
    ) async throws -> Page<Device> {
        try await store.devices(listQuery(prefix: prefix, limit: limit, offset: offset, by: principal))
    }

    /// Moves a device to another asset of the same enterprise, or changes its description.
    public func updateDevice(
        id: UUID, assetPath: AssetPath?, description: String?, by principal: Principal
    )
        async throws -> Device
    {
        var device = try await device(id: id, by: principal)
        try principal.rights.require(.engineer, on: device.assetPath)
        if let assetPath {
            try principal.rights.require(.engineer, on: assetPath)
            guard assetPath.enterprise == device.assetPath.enterprise else {
                throw PlantModelError(
                    .invalidPath, "a device stays in its enterprise '\(device.assetPath.enterprise ?? "")'")
            }
            device.assetPath = assetPath
        }
        if let description { device.description = description }
        device.updatedAt = .now
        return try await store.updateDevice(device)
    }

    /// Issues a new password for a device; the old one stops working at once.
    public func rotateCredentials(id: UUID, by principal: Principal) async throws -> (Device, password: String) {
        var device = try await device(id: id, by: principal)
        try principal.rights.require(.engineer, on: device.assetPath)
        let password = SecretGenerator.make()
        device.updatedAt = .now
        let updated = try await store.updateDevice(device, secretHash: try await hasher.hash(password))
        logger.info("device credentials rotated", metadata: ["device.username": "\(device.username)"])
        return (updated, password)
    }

    /// Removes a device; its credentials stop working at once.
    public func deleteDevice(id: UUID, by principal: Principal) async throws {
        let device = try await device(id: id, by: principal)
        try principal.rights.require(.engineer, on: device.assetPath)
        try await store.deleteDevice(device)
        logger.info("device deleted", metadata: ["device.username": "\(device.username)"])
    }
}
