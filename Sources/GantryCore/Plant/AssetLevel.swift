/// The ISA-95 level of an asset, which follows from the depth of its path.
///
/// Depth 1 is the enterprise (the tenant), 2 a site, 3 an area, 4 a line (work centre), 5 a cell
/// (work unit) and 6 an equipment. A line may also hold equipment directly, as plants without cells do
/// (`mine/underground/haulage/loco-01`): an asset created with an equipment type at depth 4 or 5 is
/// equipment. Anything below an equipment is one of its components (a crane's hoist, a hoist's motor).
public enum AssetLevel: String, Sendable, Codable, CaseIterable {
    case enterprise
    case site
    case area
    case line
    case cell
    case equipment
    case component

    /// The level of a new asset at `path`.
    ///
    /// - Parameters:
    ///   - parent: the level of the parent asset, `nil` for an enterprise.
    ///   - isTypedEquipment: true when the asset is created with an equipment type.
    public static func of(
        _ path: AssetPath, parent: AssetLevel?, isTypedEquipment: Bool
    ) throws(PlantModelError) -> AssetLevel {
        if parent == .equipment || parent == .component {
            return .component
        }
        switch path.depth {
        case 0:
            throw PlantModelError(.invalidLevel, "the root is not an asset; give a path like 'enterprise/site'")
        case 1: return .enterprise
        case 2: return .site
        case 3: return .area
        case 4: return isTypedEquipment ? .equipment : .line
        case 5: return isTypedEquipment ? .equipment : .cell
        case 6: return .equipment
        default:
            throw PlantModelError(
                .invalidLevel, "'\(path)' is below a cell but not inside an equipment; components belong to equipment")
        }
    }

    /// Whether assets of this level are equipment or parts of one, and so carry an equipment type's tags.
    public var isEquipmentOrComponent: Bool { self == .equipment || self == .component }
}
