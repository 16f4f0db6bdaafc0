/// The version of this build of Gantry.
public enum GantryVersion {
    public static let current = "0.1.0"
}
