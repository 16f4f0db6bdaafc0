import GantryCore

/// One camera of the plant: the equipment it is mounted on and its name there, such as
/// `qingdao-mine/underground/haulage/loco-01` + `cab`.
public struct CameraID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The equipment the camera belongs to; access to the camera is access to this asset.
    public let equipment: AssetPath
    /// The camera's name on its equipment, `[a-z0-9_-]{1,64}`.
    public let name: String

    /// A camera on `equipment`; refuses a name outside `[a-z0-9_-]{1,64}` with a `VideoError.invalidCamera`.
    public init(equipment: AssetPath, name: String) throws(VideoError) {
        do {
            try AssetPath.validate(segment: name)
        } catch {
            throw VideoError(.invalidCamera, "camera name '\(name)': \(error.message)")
        }
        guard !equipment.isRoot else { throw VideoError(.invalidCamera, "a camera belongs to an equipment asset") }
        self.equipment = equipment
        self.name = name
    }

    public var description: String { "\(equipment)#\(name)" }

    public static func < (lhs: CameraID, rhs: CameraID) -> Bool {
        lhs.equipment == rhs.equipment ? lhs.name < rhs.name : lhs.equipment < rhs.equipment
    }
}
