import Foundation
import GantryCore
import SQLKit

/// An `equipment_types` row as stored; the tag templates are a JSON array.
struct EquipmentTypeRecord: Decodable {
    let name: String
    let displayName: String
    let description: String
    let tagTemplates: String

    enum CodingKeys: String, CodingKey {
        case name, description
        case displayName = "display_name"
        case tagTemplates = "tag_templates"
    }

    func equipmentType() throws(MetadataStoreError) -> EquipmentType {
        do {
            let tags = try JSONDecoder().decode([EquipmentType.TagTemplate].self, from: Data(tagTemplates.utf8))
            return EquipmentType(name: name, displayName: displayName, description: description, tags: tags)
        } catch {
            throw MetadataStoreError(.unavailable, "equipment type row '\(name)' is damaged", cause: error)
        }
    }
}

extension MetadataStore {
    /// Every equipment type, by name.
    public func equipmentTypes() async throws(MetadataStoreError) -> [EquipmentType] {
        try await database.read { sql in
            try await sql.raw(
                "SELECT name, display_name, description, tag_templates FROM equipment_types ORDER BY name"
            )
            .all(decoding: EquipmentTypeRecord.self)
            .map { record throws(MetadataStoreError) in try record.equipmentType() }
        }
    }

    /// The equipment type called `name`, if it exists.
    public func equipmentType(name: String) async throws(MetadataStoreError) -> EquipmentType? {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT name, display_name, description, tag_templates FROM equipment_types
                WHERE name = \(bind: name)
                """
            ).first(decoding: EquipmentTypeRecord.self)?.equipmentType()
        }
    }

    /// Adds an equipment type; equipment already created is not changed by later types.
    public func createEquipmentType(_ type: EquipmentType) async throws(MetadataStoreError) {
        let templates: String
        do {
            templates = String(decoding: try JSONEncoder().encode(type.tags), as: UTF8.self)
        } catch {
            throw MetadataStoreError(.invalidInput, "equipment type '\(type.name)' cannot be encoded", cause: error)
        }
        let now = Timestamp.now.millisecondsSinceEpoch
        try await database.transaction { sql in
            let taken = try await sql.raw("SELECT name FROM equipment_types WHERE name = \(bind: type.name)").first()
            guard taken == nil else {
                throw MetadataStoreError(.alreadyExists, "equipment type '\(type.name)' already exists")
            }
            try await sql.raw(
                """
                INSERT INTO equipment_types (name, display_name, description, tag_templates, created_at, updated_at)
                VALUES (\(bind: type.name), \(bind: type.displayName), \(bind: type.description), \(bind: templates),
                        \(bind: now), \(bind: now))
                """
            ).run()
        }
    }
}
