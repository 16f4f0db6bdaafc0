import GantryControl
import GantryCore

extension SignalModelKind {
    /// A fresh model of this kind for `asset`, driven by `seed`; a remotely operable one keeps `watchdog`.
    public func model(
        for asset: AssetPath, seed: UInt64, watchdog: HeartbeatWatchdog = HeartbeatWatchdog()
    ) -> any SignalModel {
        switch self {
        case .electricLocomotive: LocomotiveModel(asset: asset, seed: seed, watchdog: watchdog)
        case .ventilationFan: VentilationFanModel(asset: asset, seed: seed)
        case .shaftHoist: ShaftHoistModel(asset: asset, seed: seed)
        case .cncMachine: CNCMachineModel(asset: asset, seed: seed)
        case .assemblyCell: AssemblyCellModel(asset: asset, seed: seed)
        case .agv: AGVModel(asset: asset, seed: seed)
        case .railGuidedVehicle: RailGuidedVehicleModel(asset: asset, seed: seed)
        case .overheadCrane: OverheadCraneModel(asset: asset, seed: seed, watchdog: watchdog)
        case .conveyor: ConveyorModel(asset: asset, seed: seed)
        case .environmentSensor: EnvironmentSensorModel(asset: asset, seed: seed)
        case .powerMeter: PowerMeterModel(asset: asset, seed: seed)
        }
    }

    /// Whether the equipment has a rotating bearing whose wear shows in its `vibration` tag.
    var hasBearing: Bool { self == .ventilationFan || self == .cncMachine }
}
