/// A kind of machine ("electric locomotive", "overhead crane") and the tags every one of them has.
///
/// Adding an equipment of a type creates the type's tags under it, so a new locomotive is ready to
/// receive data without anyone typing its signal list again.
public struct EquipmentType: Hashable, Sendable, Codable {
    /// The key used in requests, such as `electric-locomotive`.
    public let name: String
    /// What people call it, such as "Electric locomotive".
    public var displayName: String
    public var description: String
    /// The tags each equipment of this type gets.
    public var tags: [TagTemplate]

    public init(name: String, displayName: String, description: String, tags: [TagTemplate]) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.tags = tags
    }

    /// One default tag of an equipment type.
    public struct TagTemplate: Hashable, Sendable, Codable {
        public let name: String
        public let dataType: TagDataType
        public let unit: String
        public let min: Double?
        public let max: Double?
        public let description: String

        public init(
            _ name: String, _ dataType: TagDataType, unit: String = "", min: Double? = nil, max: Double? = nil,
            description: String
        ) {
            self.name = name
            self.dataType = dataType
            self.unit = unit
            self.min = min
            self.max = max
            self.description = description
        }
    }

    /// Checks the type's key and its templates before it is stored.
    public func validated() throws(PlantModelError) -> EquipmentType {
        try AssetPath.validate(segment: name)
        guard !displayName.isEmpty, displayName.count <= 200 else {
            throw PlantModelError(.invalidName, "displayName must be 1-200 characters")
        }
        var seen = Set<String>()
        for template in tags {
            try AssetPath.validate(segment: template.name)
            guard seen.insert(template.name).inserted else {
                throw PlantModelError(.invalidName, "tag '\(template.name)' appears twice in type '\(name)'")
            }
            _ = try EngineeringRange(min: template.min, max: template.max)
            if !template.dataType.isNumeric && (template.min != nil || template.max != nil) {
                throw PlantModelError(
                    .invalidRange, "tag '\(template.name)': min and max apply to double and int tags only")
            }
        }
        return self
    }
}
