import GantryCore

/// A simulated PLC or gateway: one MQTT connection, registered in Gantry as a device bound to `assetPath`.
public struct SimulatedDevice: Hashable, Sendable {
    /// The device's name within its enterprise, such as `loco-01-plc`; it logs in as `ENTERPRISE.NAME`.
    public let name: String
    /// The subtree the device may publish in (its registration's asset path).
    public let assetPath: AssetPath
    /// How it speaks to the broker.
    public let transport: Transport
    /// How often it publishes its assets' values.
    public let publishInterval: Duration
    /// The assets whose tags it publishes; all lie within `assetPath`.
    public let assets: [AssetPath]

    /// The two ways a simulated device publishes.
    public enum Transport: String, Hashable, Sendable, Codable {
        /// Unified namespace: one QoS 1 publish of `{"value":…,"ts":…}` per tag to `ASSET/TAG`; a retained
        /// `online` flag on its own asset, with `false` as the MQTT will.
        case json
        /// A Sparkplug B edge node in group ENTERPRISE with node id NAME: NBIRTH, NDATA by alias, NDEATH as will.
        case sparkplug
    }

    init(_ name: String, asset: String, transport: Transport, every interval: Duration, publishes assets: [String]) {
        self.name = name
        self.assetPath = try! AssetPath(asset)
        self.transport = transport
        self.publishInterval = interval
        self.assets = assets.map { try! AssetPath($0) }
    }

    /// The enterprise (tenant) it belongs to: the first segment of its asset path.
    public var enterprise: String { assetPath.enterprise ?? "" }

    /// The MQTT user name Gantry expects from it, `ENTERPRISE.NAME`.
    public var username: String { Device.username(name: name, enterprise: enterprise) }

    /// The tag a JSON device keeps `true` while connected; its will sets it `false`. `nil` for Sparkplug,
    /// whose NDEATH says the same.
    public var onlineTag: TagPath? {
        transport == .json ? try! TagPath(asset: assetPath, name: Self.onlineTagName) : nil
    }

    /// The name of the connection flag a JSON device publishes on its own asset.
    public static let onlineTagName = "online"
}
