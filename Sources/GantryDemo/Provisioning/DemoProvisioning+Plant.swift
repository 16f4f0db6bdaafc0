import GantryCore
import GantryServer
import GantrySimulator

extension DemoProvisioning {
    /// Creates each missing asset, parents first, with its equipment type (which brings the type's tags), then
    /// each missing tag the type did not create.
    func provisionAssets(_ report: inout DemoProvisioningReport) async throws {
        for asset in plant.assets {
            if try await platform.store.asset(path: asset.path) == nil {
                _ = try await platform.plant.createAsset(
                    path: asset.path, name: asset.name, type: asset.equipmentType, description: "",
                    by: .platform)
                report.assetsCreated += 1
            }
            for tag in asset.tags {
                let path = asset.tagPath(tag.name)
                guard try await platform.store.tag(path: path) == nil else { continue }
                _ = try await platform.plant.createTag(
                    path: path, dataType: tag.dataType, unit: tag.unit,
                    range: try EngineeringRange(min: tag.min, max: tag.max), description: tag.description,
                    by: .platform)
                report.tagsCreated += 1
            }
        }
    }

    /// Registers each missing device and rotates the password of each existing one, moving a device that was
    /// rebound back to the asset the simulator publishes for.
    ///
    /// - Returns: every device's password by device name, for the simulator's connections only.
    func provisionDevices(_ report: inout DemoProvisioningReport) async throws -> [String: String] {
        var passwords: [String: String] = [:]
        for device in plant.devices {
            if let (existing, _) = try await platform.store.deviceCredentials(username: device.username) {
                if existing.assetPath != device.assetPath {
                    _ = try await platform.plant.updateDevice(
                        id: existing.id, assetPath: device.assetPath, description: nil, by: .platform)
                    report.devicesMoved += 1
                }
                let (_, password) = try await platform.plant.rotateCredentials(id: existing.id, by: .platform)
                passwords[device.name] = password
                report.devicesRotated += 1
            } else {
                let (_, password) = try await platform.plant.createDevice(
                    name: device.name, assetPath: device.assetPath,
                    description: "Simulated by gantry demo (\(device.transport.rawValue))", by: .platform)
                passwords[device.name] = password
                report.devicesCreated += 1
            }
        }
        return passwords
    }
}
