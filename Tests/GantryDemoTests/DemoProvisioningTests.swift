import GantryCore
import GantryDemo
import GantryServer
import GantrySimulator
import GantryTesting
import HummingbirdTesting
import Testing

/// Provisioning creates the simulated plant and the demo operator once, and a second run on the same platform
/// reuses them.
@Suite(.timeLimit(.minutes(2))) struct DemoProvisioningTests {
    let plant = SimulatedPlant.standard

    @Test func aSecondRunReusesWhatTheFirstCreated() async throws {
        try await TestPlatform.withPlatform { platform in
            let provisioning = DemoProvisioning(plant: plant, platform: platform)
            let first = try await provisioning.run()
            #expect(first.report.assetsCreated == plant.assets.count)
            #expect(first.report.tagsCreated == plant.assets.map(\.extraTags.count).reduce(0, +))
            #expect(first.report.devicesCreated == plant.devices.count)
            #expect(first.report.operatorCreated)
            #expect(Set(first.devicePasswords.keys) == Set(plant.devices.map(\.name)))

            let second = try await provisioning.run(operatorPassword: "demo-operator-pw")
            #expect(second.report.assetsCreated == 0)
            #expect(second.report.tagsCreated == 0)
            #expect(second.report.devicesCreated == 0)
            #expect(second.report.devicesRotated == plant.devices.count)
            #expect(second.report.devicesMoved == 0)
            #expect(!second.report.operatorCreated)
            // Stored device secrets cannot be read back, so each run hands the simulator new ones.
            for device in plant.devices {
                #expect(first.devicePasswords[device.name] != second.devicePasswords[device.name])
            }
            #expect(second.operatorAccount.password == "demo-operator-pw")
            #expect(!second.operatorAccount.isGenerated)
            #expect(first.operatorAccount.isGenerated)

            // Every asset and tag of the plant exists, with its equipment type.
            for asset in plant.assets {
                let stored = try #require(try await platform.store.asset(path: asset.path), "\(asset.path)")
                #expect(stored.type == asset.equipmentType)
                for tag in asset.tagPaths {
                    #expect(try await platform.store.tag(path: tag) != nil, "\(tag)")
                }
            }
        }
    }

    @Test func theOperatorSignsInAndOperatesButDoesNotEngineer() async throws {
        try await TestPlatform.withPlatform { platform in
            let credentials = try await DemoProvisioning(plant: plant, platform: platform).run()
            let account = credentials.operatorAccount
            #expect(account.username == "operator")
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn(account.username, account.password)
                let assets = try await client.send(.get, "/api/v1/assets?path=qingdao-mine", token: token)
                #expect(assets.status == .ok)
                let create = try await client.send(
                    .post, "/api/v1/assets", token: token,
                    json: #"{"path":"qingdao-mine/underground/haulage/loco-02","name":"Locomotive 02"}"#)
                #expect(create.status == .forbidden)
            }
            let user = try #require(try await platform.store.account(username: "operator")?.user)
            #expect(
                Set(user.grants)
                    == Set(plant.sites.map { Grant(role: .operator, scope: try! AssetPath($0.enterprise)) }))
        }
    }

    @Test func anExistingOperatorKeepsItsOtherGrants() async throws {
        try await TestPlatform.withPlatform { platform in
            let extra = Grant(role: .engineer, scope: try AssetPath("qingdao-mine/surface"))
            _ = try await platform.accounts.createUser(
                username: "operator", password: "an-old-password", grants: [extra])
            let credentials = try await DemoProvisioning(plant: plant, platform: platform).run()
            let user = try #require(try await platform.store.account(username: "operator")?.user)
            #expect(user.grants.contains(extra))
            #expect(user.rights.allows(.operator, on: try AssetPath("jinan-workshop/assembly")))
            // The old password no longer works; the printed one does.
            try await platform.makeApplication().test(.router) { client in
                _ = try await client.signIn("operator", credentials.operatorAccount.password)
                let old = try await client.send(
                    .post, "/api/v1/auth/login", json: #"{"username":"operator","password":"an-old-password"}"#)
                #expect(old.status == .unauthorized)
            }
        }
    }

    @Test func credentialsDoNotPrintTheirSecrets() async throws {
        try await TestPlatform.withPlatform { platform in
            let credentials = try await DemoProvisioning(plant: plant, platform: platform).run()
            let printed = "\(credentials) \(credentials.operatorAccount)"
            #expect(!printed.contains(credentials.operatorAccount.password))
            for password in credentials.devicePasswords.values { #expect(!printed.contains(password)) }
        }
    }
}
