import Foundation
import GantryCore
import GantryStorage
import GantryTesting
import Testing

/// A device's connector is kept whole, replaced on save, listed for the boot, and leaves with its device.
@Suite struct ConnectorStoreContractTests {
    static func device(_ name: String) throws -> Device {
        Device(
            id: UUID(), name: name, assetPath: try AssetPath("acme/plant/haulage"),
            username: Device.username(name: name, enterprise: "acme"), description: "", createdAt: .now,
            updatedAt: .now)
    }

    @Test(arguments: TestBackend.available)
    func aConnectorIsSavedReplacedListedAndLeavesWithItsDevice(_ backend: TestBackend) async throws {
        try await MetadataContractTests.withStore(backend) { store in
            try await MetadataContractTests.seedPlant(store)
            let plc = try Self.device("plc-7")
            try await store.createDevice(plc, secretHash: "x")
            let first = StoredConnector(
                deviceID: plc.id, protocol: "modbus", enabled: true, configuration: #"{"host":"10.0.0.7"}"#,
                updatedAt: 1)
            try await store.saveConnector(first)
            #expect(try await store.connector(deviceID: plc.id) == first)

            var second = first
            second.enabled = false
            second.configuration = #"{"host":"10.0.0.8"}"#
            second.updatedAt = 2
            try await store.saveConnector(second)
            #expect(try await store.connectors() == [second])

            let stranger = StoredConnector(
                deviceID: UUID(), protocol: "opcua", enabled: true, configuration: "{}", updatedAt: 3)
            await #expect(throws: MetadataStoreError.self) { try await store.saveConnector(stranger) }
            #expect(try await store.connectors().count == 1)

            try await store.deleteDevice(plc)
            #expect(try await store.connectors().isEmpty)
            #expect(try await store.deleteConnector(deviceID: plc.id) == false)
        }
    }
}
