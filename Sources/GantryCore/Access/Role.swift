/// What a user may do within the subtree a role is granted on; each role includes those below it.
///
/// - viewer: read the plant model, values and alarms.
/// - operator: also acknowledge alarms and operate equipment.
/// - engineer: also change the plant model: assets, tags, devices, rules.
/// - admin: also manage users and their grants.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case `operator`
    case engineer
    case admin

    /// Parses a role named in a request, with an error that lists the choices.
    public init(parsing text: String) throws(PlantModelError) {
        guard let role = Role(rawValue: text) else {
            let choices = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw PlantModelError(.invalidRole, "role '\(text)' is unknown; use one of \(choices)")
        }
        self = role
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
