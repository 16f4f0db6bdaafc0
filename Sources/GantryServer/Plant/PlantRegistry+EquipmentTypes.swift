import GantryCore
import GantryStorage

extension PlantRegistry {
    /// Every equipment type; any signed-in user may read the catalogue.
    public func equipmentTypes(by principal: Principal) async throws -> [EquipmentType] {
        try principal.rights.requireAny(.viewer)
        return try await store.equipmentTypes()
    }

    /// One equipment type by name.
    public func equipmentType(name: String, by principal: Principal) async throws -> EquipmentType {
        try principal.rights.requireAny(.viewer)
        guard let type = try await store.equipmentType(name: name) else {
            throw MetadataStoreError(.notFound, "equipment type '\(name)' does not exist")
        }
        return type
    }

    /// Adds an equipment type to the platform-wide catalogue; platform admins only.
    public func createEquipmentType(_ type: EquipmentType, by principal: Principal) async throws -> EquipmentType {
        try principal.rights.require(.admin, on: .root)
        let valid = try type.validated()
        try await store.createEquipmentType(valid)
        logger.info("equipment type created", metadata: ["equipment_type": "\(type.name)"])
        return valid
    }
}
