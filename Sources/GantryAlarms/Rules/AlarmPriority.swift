/// How urgently an operator must respond, on ISA-18.2's usual four-level scale: 1 is the most urgent.
///
/// ISA-18.2 leaves the number of levels to the site; four (critical, high, medium, low) is the common
/// choice, and EEMUA 191 suggests that annunciated alarms split roughly 5 % high, 15 % medium, 80 % low,
/// with critical kept for the few alarms that protect life or the plant.
public enum AlarmPriority: Int, Hashable, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Respond at once: life, environment or major equipment at stake.
    case critical = 1
    /// Respond within minutes.
    case high = 2
    /// Respond soon.
    case medium = 3
    /// Respond when the higher ones are handled.
    case low = 4

    /// More urgent sorts first.
    public static func < (lhs: AlarmPriority, rhs: AlarmPriority) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .critical: "critical"
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        }
    }
}
