import GantryCore

/// One signal of a simulated asset, as the server must create it before the simulator publishes it.
public struct SimulatedTag: Hashable, Sendable, Codable {
    /// The tag's name within its asset, such as `speed`.
    public let name: String
    public let dataType: TagDataType
    /// Engineering unit (`m/s`, `A`, `%`), empty when dimensionless.
    public let unit: String
    /// The range the simulated value stays within, when the tag has one (it matches the equipment type's range).
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

    /// The tag an equipment type's template creates, so the simulator's tags are exactly the type's.
    init(_ template: EquipmentType.TagTemplate) {
        self.init(
            template.name, template.dataType, unit: template.unit, min: template.min, max: template.max,
            description: template.description)
    }
}
