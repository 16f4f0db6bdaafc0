import Foundation
import GantryCore
import GantryStorage
import GantryTesting
import Logging
import Testing

/// The metadata store's contract, run against every available backend: SQLite always, PostgreSQL
/// under CI.
@Suite struct MetadataContractTests {
    static func withStore(_ backend: TestBackend, _ body: (MetadataStore) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            try await backend.withEmptyDatabase { url in
                let location = try DatabaseLocation(url: url, dataDirectory: directory)
                let store = try await MetadataStore.open(location: location, logger: Logger(label: "test"))
                do {
                    try await body(store)
                } catch {
                    await store.shutdown()
                    throw error
                }
                await store.shutdown()
            }
        }
    }

    static func asset(_ path: String, level: AssetLevel, type: String? = nil) throws -> Asset {
        Asset(
            id: UUID(), path: try AssetPath(path), name: path, level: level, type: type, description: "",
            createdAt: .now, updatedAt: .now)
    }

    static func tag(_ path: String, _ dataType: TagDataType = .double) throws -> GantryCore.Tag {
        GantryCore.Tag(
            id: UUID(), path: try TagPath(path), dataType: dataType, unit: "m/s",
            range: try EngineeringRange(min: 0, max: 12), description: "", createdAt: .now, updatedAt: .now)
    }

    /// A site `acme/plant` with an area, ready for children.
    static func seedPlant(_ store: MetadataStore) async throws {
        try await store.createAsset(try asset("acme", level: .enterprise), tags: [])
        try await store.createAsset(try asset("acme/plant", level: .site), tags: [])
        try await store.createAsset(try asset("acme/plant/haulage", level: .area), tags: [])
    }

    @Test(arguments: TestBackend.available)
    func migrationsSeedEquipmentTypesAndRunOnce(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            let types = try await store.equipmentTypes()
            #expect(types.map(\.name) == EquipmentType.standard.map(\.name).sorted())
            let loco = try #require(try await store.equipmentType(name: "electric-locomotive"))
            #expect(loco.tags.contains { $0.name == "speed" && $0.unit == "m/s" })
            // Opening the same database again applies nothing and keeps the data.
            let again = try await MetadataStore.open(location: store.database.location, logger: Logger(label: "again"))
            #expect(try await again.equipmentTypes().count == types.count)
            await again.shutdown()
        }
    }

    @Test(arguments: TestBackend.available)
    func anAssetAndItsTagsLandTogetherOrNotAtAll(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            try await Self.seedPlant(store)
            let loco = try Self.asset("acme/plant/haulage/loco-01", level: .equipment, type: "electric-locomotive")
            // The second tag repeats the first's path: the whole creation must roll back.
            let clash = [
                try Self.tag("acme/plant/haulage/loco-01/speed"), try Self.tag("acme/plant/haulage/loco-01/speed"),
            ]
            await #expect(throws: MetadataStoreError.self) { try await store.createAsset(loco, tags: clash) }
            #expect(try await store.asset(path: loco.path) == nil)
            #expect(try await store.tags(ListQuery(prefix: loco.path)).total == 0)

            let tags = [
                try Self.tag("acme/plant/haulage/loco-01/speed"), try Self.tag("acme/plant/haulage/loco-01/current"),
            ]
            try await store.createAsset(loco, tags: tags)
            #expect(try await store.asset(path: loco.path)?.id == loco.id)
            let stored = try await store.tags(ListQuery(prefix: loco.path))
            #expect(stored.items.map(\.path.name) == ["current", "speed"])
            #expect(stored.items.first?.max == 12)
        }
    }

    @Test(arguments: TestBackend.available)
    func duplicatesAndOrphansAreRefused(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            try await Self.seedPlant(store)
            do {
                try await store.createAsset(try Self.asset("acme/plant", level: .site), tags: [])
                Issue.record("a duplicate path was stored")
            } catch let error as MetadataStoreError {
                #expect(error.code == .alreadyExists)
            }
            do {
                try await store.createTag(try Self.tag("acme/plant/nowhere/speed"))
                Issue.record("a tag on a missing asset was stored")
            } catch let error as MetadataStoreError {
                #expect(error.code == .parentMissing)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func listsFilterByPrefixVisibilityAndPage(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            try await Self.seedPlant(store)
            try await store.createAsset(try Self.asset("acme/plant/haul_x", level: .area), tags: [])
            try await store.createAsset(try Self.asset("acme/plant/haulagex", level: .area), tags: [])
            try await store.createAsset(try Self.asset("other", level: .enterprise), tags: [])
            for index in 1...5 {
                try await store.createAsset(try Self.asset("acme/plant/haulage/loco-0\(index)", level: .line), tags: [])
            }
            let haulage = try AssetPath("acme/plant/haulage")
            let subtree = try await store.assets(ListQuery(prefix: haulage))
            #expect(subtree.total == 6)
            #expect(subtree.items.allSatisfy { $0.path.isWithin(haulage) })

            // `_` is a LIKE wildcard: `haul_x` must not match `haulx`-like paths, nor the other way round.
            let underscore = try await store.assets(ListQuery(prefix: try AssetPath("acme/plant/haul_x")))
            #expect(underscore.items.map(\.path.description) == ["acme/plant/haul_x"])

            let page = try await store.assets(ListQuery(prefix: haulage, limit: 2, offset: 2))
            #expect(page.total == 6)
            #expect(page.items.map(\.path.description) == ["acme/plant/haulage/loco-02", "acme/plant/haulage/loco-03"])

            let visible = try await store.assets(ListQuery(visibleScopes: [try AssetPath("other")]))
            #expect(visible.items.map(\.path.description) == ["other"])
            let nothing = try await store.assets(ListQuery(visibleScopes: []))
            #expect(nothing.total == 0)
            let lines = try await store.assets(ListQuery(), level: .line)
            #expect(lines.total == 5)
        }
    }

    @Test(arguments: TestBackend.available)
    func deletingAnAssetKeepsTheTreeWhole(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            try await Self.seedPlant(store)
            let loco = try Self.asset("acme/plant/haulage/loco-01", level: .equipment)
            try await store.createAsset(loco, tags: [try Self.tag("acme/plant/haulage/loco-01/speed")])
            let area = try #require(try await store.asset(path: try AssetPath("acme/plant/haulage")))
            do {
                try await store.deleteAsset(area)
                Issue.record("an asset with children was deleted")
            } catch let error as MetadataStoreError {
                #expect(error.code == .hasDependents)
            }
            let device = Device(
                id: UUID(), name: "plc", assetPath: loco.path, username: "acme.plc", description: "", createdAt: .now,
                updatedAt: .now)
            try await store.createDevice(device, secretHash: "hash")
            await #expect(throws: MetadataStoreError.self) { try await store.deleteAsset(loco) }
            try await store.deleteDevice(device)
            try await store.deleteAsset(loco)
            #expect(try await store.asset(path: loco.path) == nil)
            #expect(try await store.tags(ListQuery(prefix: loco.path)).total == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func devicesAreUniquePerEnterpriseAndFoundByUsername(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            try await Self.seedPlant(store)
            let area = try AssetPath("acme/plant/haulage")
            let device = Device(
                id: UUID(), name: "gw-1", assetPath: area, username: "acme.gw-1", description: "gateway",
                createdAt: .now, updatedAt: .now)
            try await store.createDevice(device, secretHash: "h1")
            let twin = Device(
                id: UUID(), name: "gw-1", assetPath: area, username: "acme.gw-1", description: "", createdAt: .now,
                updatedAt: .now)
            await #expect(throws: MetadataStoreError.self) { try await store.createDevice(twin, secretHash: "h2") }
            let (found, hash) = try #require(try await store.deviceCredentials(username: "acme.gw-1"))
            #expect(found.id == device.id)
            #expect(hash == "h1")
            _ = try await store.updateDevice(found, secretHash: "h3")
            #expect(try await store.deviceCredentials(username: "acme.gw-1")?.1 == "h3")
            #expect(try await store.devices(ListQuery(prefix: area)).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func usersKeepGrantsAndPasswordChangesRaiseTheGeneration(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            let grants = [
                Grant(role: .operator, scope: try AssetPath("acme/plant")), Grant(role: .admin, scope: .root),
            ]
            let user = User(id: UUID(), username: "li.wei", grants: grants, createdAt: .now, updatedAt: .now)
            try await store.createUser(user, passwordHash: "p1")
            let account = try #require(try await store.account(username: "li.wei"))
            #expect(Set(account.user.grants) == Set(grants))
            #expect(account.tokenGeneration == 1)

            var changed = account.user
            changed.grants = [Grant(role: .viewer, scope: try AssetPath("acme"))]
            _ = try await store.updateUser(changed)
            #expect(try await store.account(id: user.id)?.tokenGeneration == 1)
            _ = try await store.updateUser(changed, passwordHash: "p2")
            let after = try #require(try await store.account(id: user.id))
            #expect(after.tokenGeneration == 2)
            #expect(after.passwordHash == "p2")
            #expect(after.user.grants == changed.grants)
            #expect(try await store.users().map(\.username) == ["li.wei"])
            try await store.deleteUser(after.user)
            #expect(try await store.userCount() == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func secretsAreCreatedOnceAndKept(_ backend: TestBackend) async throws {
        try await Self.withStore(backend) { store in
            let first = try await store.secret(named: "signing") { "one" }
            let second = try await store.secret(named: "signing") { "two" }
            #expect(first == "one")
            #expect(second == "one")
        }
    }
}
