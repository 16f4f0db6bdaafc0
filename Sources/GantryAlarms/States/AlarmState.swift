/// Where an alarm stands in the ISA-18.2 / IEC 62682 state model, as an operator sees it.
///
/// The four states of the annunciation cycle follow the process condition and acknowledgement; the three
/// others take the alarm out of the operator's list for a reason the journal records. When several of
/// those apply at once the strongest shows: out of service over suppressed by design over shelved.
public enum AlarmState: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Condition clear, nothing to acknowledge.
    case normal
    /// Condition active and not yet acknowledged: annunciated, the operator must respond.
    case activeUnacknowledged = "active_unacknowledged"
    /// Condition active, acknowledged by an operator who is dealing with it.
    case activeAcknowledged = "active_acknowledged"
    /// Condition cleared before anyone acknowledged it; the operator should still see that it happened.
    case returnedUnacknowledged = "returned_unacknowledged"
    /// Temporarily hidden by an operator, until an expiry time (a nuisance alarm awaiting repair).
    case shelved
    /// Hidden by design logic while the plant state makes it meaningless (a stopped pump's low flow).
    case suppressedByDesign = "suppressed_by_design"
    /// Taken out of service for maintenance; not evaluated for the operator until returned.
    case outOfService = "out_of_service"

    /// Whether the state belongs to the annunciation cycle (normal, active or returned).
    public var isInCycle: Bool {
        switch self {
        case .normal, .activeUnacknowledged, .activeAcknowledged, .returnedUnacknowledged: true
        case .shelved, .suppressedByDesign, .outOfService: false
        }
    }

    /// Whether an operator still owes an acknowledgement.
    public var isUnacknowledged: Bool { self == .activeUnacknowledged || self == .returnedUnacknowledged }

    public var description: String { rawValue }
}
