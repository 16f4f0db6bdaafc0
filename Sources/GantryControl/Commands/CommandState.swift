/// Where a command stands. `requested → sent → acknowledged → completed` is the road a command takes;
/// `rejected`, `failed`, `expired` and `cancelled` end it early, each with a reason.
public enum CommandState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Accepted by the platform, checked, not yet on its way.
    case requested
    /// Published to the device; no answer yet.
    case sent
    /// The device accepted it and is carrying it out.
    case acknowledged
    /// The device reports it done.
    case completed
    /// Refused: by an interlock before sending, or by the device (out of sequence, expired, unsafe).
    case rejected
    /// The device accepted it but could not carry it out.
    case failed
    /// Its time to live ran out before the device accepted it; the device will not run it.
    case expired
    /// Withdrawn by a person, or by the platform when it restarted before sending.
    case cancelled

    /// Whether the command's fate is settled.
    public var isFinal: Bool {
        switch self {
        case .requested, .sent, .acknowledged: false
        case .completed, .rejected, .failed, .expired, .cancelled: true
        }
    }
}
