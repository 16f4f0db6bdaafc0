import GantryAlarms
import GantryCore

/// What the overview and equipment pages show, read once per request with the viewer's rights: the
/// assets, the standing alarms and the devices with their link state.
struct ConsolePlantView {
    let assets: [Asset]
    let alarms: [AlarmSnapshot]
    let devices: [(device: Device, status: DevicePresence.Status)]

    static func load(
        _ console: ConsoleContext, by principal: Principal, under prefix: AssetPath? = nil
    ) async throws
        -> ConsolePlantView
    {
        guard !principal.rights.scopes(for: .viewer).isEmpty else {
            return ConsolePlantView(assets: [], alarms: [], devices: [])
        }
        let assets = try await console.plant.assets(
            prefix: prefix, level: nil, limit: 1000, offset: 0, by: principal
        ).items
        let alarms = await console.alarms.alarms(in: EquipmentStatus.standingStates, under: prefix, by: principal)
        let devices = try await console.plant.devices(prefix: prefix, limit: 1000, offset: 0, by: principal).items
        return ConsolePlantView(
            assets: assets, alarms: alarms,
            devices: devices.map { ($0, console.presence.status(of: $0.username)) })
    }

    func status(of asset: AssetPath) -> EquipmentStatus {
        EquipmentStatus.of(asset, alarms: alarms, devices: devices.map { ($0.device.assetPath, $0.status.online) })
    }
}
