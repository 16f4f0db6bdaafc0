import GantryCore

/// A place or machine of the simulated plant, with the tags it carries and the signal model that drives them.
public struct SimulatedAsset: Hashable, Sendable {
    public let path: AssetPath
    /// What people call it, such as "Locomotive 01".
    public let name: String
    /// The standard equipment type it is created from (`electric-locomotive`), or `nil` for a plain asset.
    public let equipmentType: String?
    /// Every tag the simulator publishes for it: the type's tags first, then the extra ones, in that order.
    public let tags: [SimulatedTag]
    /// Which signal model produces its values; `nil` for sites, areas and lines.
    public let model: SignalModelKind?

    /// An asset of a standard equipment type: its tags are the type's, plus `extraTags`.
    ///
    /// - Precondition: `type` is one of `EquipmentType.standard` (a programmer error otherwise).
    init(_ path: String, _ name: String, type: String, extraTags: [SimulatedTag] = [], model: SignalModelKind) {
        guard let standard = EquipmentType.standard.first(where: { $0.name == type }) else {
            preconditionFailure("'\(type)' is not a standard equipment type")
        }
        self.path = try! AssetPath(path)
        self.name = name
        self.equipmentType = type
        self.tags = standard.tags.map(SimulatedTag.init) + extraTags
        self.model = model
    }

    /// An asset without an equipment type, carrying only `tags`.
    init(_ path: String, _ name: String, tags: [SimulatedTag], model: SignalModelKind) {
        self.path = try! AssetPath(path)
        self.name = name
        self.equipmentType = nil
        self.tags = tags
        self.model = model
    }

    /// A structural asset (enterprise, area, line) without tags or model.
    init(_ path: AssetPath, _ name: String) {
        self.path = path
        self.name = name
        self.equipmentType = nil
        self.tags = []
        self.model = nil
    }

    private init(path: AssetPath, name: String, equipmentType: String?, tags: [SimulatedTag], model: SignalModelKind?) {
        self.path = path
        self.name = name
        self.equipmentType = equipmentType
        self.tags = tags
        self.model = model
    }

    /// The same asset with one more tag.
    func adding(_ tag: SimulatedTag) -> SimulatedAsset {
        SimulatedAsset(path: path, name: name, equipmentType: equipmentType, tags: tags + [tag], model: model)
    }

    /// The full path of the tag called `name`.
    public func tagPath(_ name: String) -> TagPath {
        try! TagPath(asset: path, name: name)
    }

    /// The tags its equipment type does not create: what the server must add after creating the asset.
    public var extraTags: [SimulatedTag] {
        let typed = Set(EquipmentType.standard.first { $0.name == equipmentType }?.tags.map(\.name) ?? [])
        return tags.filter { !typed.contains($0.name) }
    }

    /// The full paths of all its tags, in the order of `tags`.
    public var tagPaths: [TagPath] { tags.map { tagPath($0.name) } }
}

/// The signal models the simulator has, one per kind of equipment.
public enum SignalModelKind: String, Hashable, Sendable, CaseIterable, Codable {
    case electricLocomotive = "electric-locomotive"
    case ventilationFan = "ventilation-fan"
    case shaftHoist = "shaft-hoist"
    case cncMachine = "cnc-machine"
    case assemblyCell = "assembly-cell"
    case agv
    case railGuidedVehicle = "rail-guided-vehicle"
    case overheadCrane = "overhead-crane"
    case conveyor
    case environmentSensor = "environment-sensor"
    case powerMeter = "power-meter"
}
