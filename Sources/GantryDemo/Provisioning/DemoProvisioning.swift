import GantryCore
import GantryServer
import GantrySimulator
import Logging

/// Makes sure a platform holds what the demo needs: the simulated plant's assets, tags and devices, and an
/// operator account to sign in with.
///
/// Idempotent, so a second `gantry demo` on the same data directory reuses what the first created: only what
/// is missing is created. Device passwords are stored as bcrypt hashes and cannot be read back, so every run
/// rotates the simulated devices' credentials and hands the new ones to the simulator (never to the screen).
/// Everything goes through the platform's services as ``Principal/platform``, so the same checks apply as
/// through the API.
public struct DemoProvisioning: Sendable {
    public let plant: SimulatedPlant
    public let platform: Platform
    let logger: Logger

    public init(plant: SimulatedPlant = .standard, platform: Platform) {
        self.plant = plant
        self.platform = platform
        self.logger = platform.logger
    }

    /// Creates what is missing and returns the credentials the demo runs with.
    ///
    /// - Parameter operatorPassword: the demo operator's password (`GANTRY_DEMO_PASSWORD`); `nil` generates one.
    public func run(operatorPassword: String? = nil) async throws -> DemoCredentials {
        var report = DemoProvisioningReport()
        try await provisionAssets(&report)
        let devicePasswords = try await provisionDevices(&report)
        let account = try await provisionOperator(password: operatorPassword, &report)
        logger.info(
            "demo plant ready",
            metadata: [
                "demo.assets_created": "\(report.assetsCreated)", "demo.tags_created": "\(report.tagsCreated)",
                "demo.devices_created": "\(report.devicesCreated)", "demo.devices_rotated": "\(report.devicesRotated)",
            ])
        return DemoCredentials(devicePasswords: devicePasswords, operatorAccount: account, report: report)
    }
}

/// What one provisioning run changed, for the log and for tests of its idempotence.
public struct DemoProvisioningReport: Hashable, Sendable {
    public var assetsCreated = 0
    public var tagsCreated = 0
    public var devicesCreated = 0
    /// Devices that already existed and got a new password.
    public var devicesRotated = 0
    /// Devices that were bound to another asset and were moved back to the simulator's.
    public var devicesMoved = 0
    public var operatorCreated = false
}
