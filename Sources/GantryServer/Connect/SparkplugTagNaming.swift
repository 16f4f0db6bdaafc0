import GantryCore
import GantrySparkplug

/// Where Sparkplug metrics live in the plant model: on the asset of the device (the login) that
/// is the edge node.
///
/// A node's metric `Motor/Speed` becomes the tag `motor_speed`; a Sparkplug device's metrics are
/// prefixed with the device, `Conveyor 2` / `Belt Speed` → `conveyor_2__belt_speed`, so a node's
/// devices never collide. Tag names allow lower-case letters, digits, `_` and `-`; anything else
/// becomes `_`. `bdSeq` and the `Node Control/…` commands are not measurements and get no tag.
enum SparkplugTagNaming {
    static func tag(asset: AssetPath, device: String?, metric: String) -> TagPath? {
        guard metric != "bdSeq", !metric.hasPrefix("Node Control/"), !metric.hasPrefix("Device Control/") else {
            return nil
        }
        let name = device.map { segment($0) + "__" + segment(metric) } ?? segment(metric)
        return try? TagPath(asset: asset, name: String(name.prefix(AssetPath.maximumSegmentLength)))
    }

    static func segment(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "0"..."9", "_", "-": Character(scalar)
                default: "_"
                }
            })
    }
}
