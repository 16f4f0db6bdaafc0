import GantryControl
import GantryCore

/// The plant the simulator plays: its enterprises, every asset with its tags, and the devices that publish them.
///
/// Plain values, so the server can create the assets (parents first), tags and devices from it, hand each
/// device's password to ``PlantSimulator``, and offer the ``faultCatalogue`` to operators.
public struct SimulatedPlant: Sendable {
    /// The enterprises (tenants) the plant spans, such as `qingdao-mine`.
    public let sites: [SimulatedSite]
    /// Every asset, parents before children; structural ones (areas, lines) carry no model.
    public let assets: [SimulatedAsset]
    public let devices: [SimulatedDevice]
    /// The watchdog every remotely operable machine keeps on its own: how long it waits for the operator's next
    /// heartbeat before it stops by itself. 500 ms by default, two missed beats of the console's rhythm; a test
    /// on a loaded machine, where a beat can be late by more than that, gives it longer.
    public var heartbeatWatchdog = HeartbeatWatchdog()

    /// A plant of `sites`, `equipment` and `devices`.
    ///
    /// The assets above each equipment and device are added as plain assets, and each JSON device's
    /// `online` tag is added to the asset it is bound to.
    init(sites: [SimulatedSite], equipment: [SimulatedAsset], devices: [SimulatedDevice]) {
        var byPath: [AssetPath: SimulatedAsset] = [:]
        for asset in equipment { byPath[asset.path] = asset }
        for path in equipment.map(\.path) + devices.map(\.assetPath) {
            var parent = path
            while !parent.isRoot {
                if byPath[parent] == nil {
                    let name = parent.leaf ?? ""
                    let displayName = sites.first { $0.enterprise == name && parent.depth == 1 }?.name ?? name
                    byPath[parent] = SimulatedAsset(parent, displayName)
                }
                parent = parent.parent
            }
        }
        for device in devices where device.transport == .json {
            byPath[device.assetPath] = byPath[device.assetPath]?.adding(
                SimulatedTag(
                    SimulatedDevice.onlineTagName, .bool,
                    description: "Whether \(device.name) is connected; its MQTT will clears it"))
        }
        self.sites = sites
        self.assets = byPath.values.sorted { $0.path < $1.path }
        self.devices = devices
    }

    /// The asset at `path`, if the plant has one.
    public func asset(_ path: AssetPath) -> SimulatedAsset? {
        assets.first { $0.path == path }
    }

    /// The device called `name`, if the plant has one.
    public func device(_ name: String) -> SimulatedDevice? {
        devices.first { $0.name == name }
    }

    /// The tag at `path`, if the plant has one.
    public func tag(_ path: TagPath) -> SimulatedTag? {
        asset(path.asset)?.tags.first { $0.name == path.name }
    }
}

/// An enterprise of the simulated plant, as the product story tells it.
public struct SimulatedSite: Hashable, Sendable {
    /// The enterprise's asset path segment, such as `qingdao-mine`.
    public let enterprise: String
    /// What people call it, such as "Qingdao gold mine".
    public let name: String
    public let description: String
}
