import GantryCore
import GantryServer
import GantryStorage
import GantryTesting
import Testing

/// One data directory belongs to one serving Gantry; account administration (`gantry user …`) still runs
/// beside it.
@Suite struct DataDirectoryTests {
    @Test func aSecondPlatformOnTheSameDataDirectoryIsRefusedWithItsReason() async throws {
        try await TestPlatform.withPlatform { platform in
            let error = await #expect(throws: TelemetryError.self) {
                _ = try await Platform.open(configuration: platform.configuration, logger: .init(label: "second"))
            }
            #expect(error?.code == .locked)
            #expect(error?.message.contains(platform.configuration.dataDirectory + "/telemetry") == true)
            // The refused start took nothing away: the serving platform still signs in.
            _ = try await platform.accounts.signIn(
                username: "admin", password: TestPlatform.adminPassword, address: nil)
        }
    }

    @Test func accountsAreAdministeredBesideAServingPlatform() async throws {
        try await TestPlatform.withPlatform { platform in
            let administration = try await AccountAdministration.open(
                configuration: platform.configuration, logger: .init(label: "user-command"))
            #expect(administration.generatedAdminPassword == nil)
            _ = try await administration.accounts.createUser(
                username: "night.shift", password: "first-password-1", grants: [try Grant(role: "viewer", path: "*")])
            await administration.close()
            // The serving platform signs the new user in straight away.
            _ = try await platform.accounts.signIn(username: "night.shift", password: "first-password-1", address: nil)
        }
    }
}
