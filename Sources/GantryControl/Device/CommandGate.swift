/// The device's own check before it runs a command, kept by the device and not by the platform: a command
/// that arrives after its expiry, or whose sequence number is not above the last one accepted (a replay, or
/// one overtaken by a later command), is refused. The simulator's devices use it; a real controller does
/// the same in its own code.
public struct CommandGate: Hashable, Sendable {
    public enum Verdict: Hashable, Sendable {
        case accept
        case expired(lateByMilliseconds: Int64)
        case outOfSequence(last: Int64)
    }

    /// The highest sequence number accepted so far.
    public private(set) var lastAccepted: Int64

    public init(lastAccepted: Int64 = 0) {
        self.lastAccepted = lastAccepted
    }

    /// Decides on a command numbered `sequence` that expires at `expiresAt`, arriving at `now` (device
    /// time); an accepted one raises the bar for the next. An emergency stop is decided the same way: it
    /// carries its own fresh sequence and expiry, and a replayed one is no emergency.
    public mutating func admit(sequence: Int64, expiresAt: Int64, now: Int64) -> Verdict {
        guard now <= expiresAt else { return .expired(lateByMilliseconds: now - expiresAt) }
        guard sequence > lastAccepted else { return .outOfSequence(last: lastAccepted) }
        lastAccepted = sequence
        return .accept
    }
}
