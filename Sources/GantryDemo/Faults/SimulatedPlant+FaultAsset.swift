import GantryCore
import GantrySimulator

extension SimulatedPlant {
    /// The asset a fault acts on, against which rights are checked: the worn machine, the tag's asset, or the
    /// asset a device is bound to. `nil` when the target names nothing of the plant.
    func asset(affectedBy fault: SimulatedFault) -> AssetPath? {
        switch fault.kind {
        case .bearingWear: try? AssetPath(fault.target)
        case .sensorDrift, .stuckValue: (try? TagPath(fault.target))?.asset
        case .linkLoss: device(fault.target)?.assetPath
        }
    }
}
