import Foundation
import GantryCore
import GantryStorage
import GantryTesting
import Logging
import Testing

/// Writers that meet: requests racing for the same path, and a `gantry user` command writing the SQLite
/// file while the server holds it open.
@Suite struct ConcurrentWriterTests {
    @Test(arguments: TestBackend.available)
    func racingCreatorsOfOnePathGetOneWinner(_ backend: TestBackend) async throws {
        try await MetadataContractTests.withStore(backend) { store in
            try await store.createAsset(try MetadataContractTests.asset("acme", level: .enterprise), tags: [])
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            try await store.createAsset(
                                try MetadataContractTests.asset("acme/jinan", level: .site), tags: [])
                            return true
                        } catch let error as MetadataStoreError where error.code == .alreadyExists {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.assets(ListQuery(prefix: try AssetPath("acme/jinan"))).total == 1)
        }
    }

    @Test func twoProcessesShareTheSQLiteFile() async throws {
        try await withTemporaryDirectory { directory in
            let location = DatabaseLocation.sqlite(path: directory + "/gantry.sqlite")
            let server = try await MetadataStore.open(location: location, logger: Logger(label: "server"))
            let command = try await MetadataStore.open(location: location, logger: Logger(label: "command"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (store, prefix) in [(server, "s"), (command, "c")] {
                    group.addTask {
                        for index in 0..<25 {
                            let user = User(
                                id: UUID(), username: "\(prefix)\(index)", grants: [Grant(role: .viewer, scope: .root)],
                                createdAt: .now, updatedAt: .now)
                            try await store.createUser(user, passwordHash: "hash")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await server.userCount() == 50)
            #expect(try await command.users().count == 50)
            await command.shutdown()
            await server.shutdown()
        }
    }
}
