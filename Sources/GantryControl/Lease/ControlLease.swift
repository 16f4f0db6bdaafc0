import GantryCore

/// Who may operate one equipment now: one operator at a time, so two people never drive the same
/// locomotive. A lease is granted to whoever asks while it is free, kept alive by the holder's activity,
/// lost after ``inactivityTimeoutMilliseconds`` without any, given back by its holder, or taken over by a
/// supervisor. A value with no clock: every step takes the time.
public struct ControlLease: Hashable, Sendable {
    /// What happened to a lease, for the audit journal and the console.
    public struct Event: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable, Codable {
            case granted, renewed, released, expired
            case takenOver = "taken_over"
        }

        public let kind: Kind
        public let equipment: AssetPath
        /// Who holds the lease after the event (`nil` when it is free).
        public let holder: String?
        /// Who held it before, when that changed.
        public let previousHolder: String?
        public let at: Int64
    }

    public let equipment: AssetPath
    public let inactivityTimeoutMilliseconds: Int64
    public private(set) var holder: String?
    public private(set) var grantedAt: Int64?
    public private(set) var lastActivityAt: Int64?

    public init(equipment: AssetPath, inactivityTimeoutMilliseconds: Int64 = 60_000) {
        self.equipment = equipment
        self.inactivityTimeoutMilliseconds = inactivityTimeoutMilliseconds
    }

    /// The holder at `now`, counting a lease idle too long as free.
    public func holder(at now: Int64) -> String? {
        guard let holder, let lastActivityAt, now - lastActivityAt < inactivityTimeoutMilliseconds else { return nil }
        return holder
    }

    /// Grants the lease to `user` if it is free (or idle past its timeout); renews it if `user` holds it.
    public mutating func request(by user: String, at time: Int64) throws(ControlError) -> Event {
        if let current = holder(at: time), current != user {
            throw ControlError(
                .leaseHeld, "\(current) controls \(equipment) now; ask them to release it, or a supervisor to take over"
            )
        }
        let renewed = holder == user && holder(at: time) == user
        let previous = holder
        holder = user
        lastActivityAt = time
        if !renewed { grantedAt = time }
        return Event(
            kind: renewed ? .renewed : .granted, equipment: equipment, holder: user,
            previousHolder: renewed ? nil : previous, at: time)
    }

    /// Records activity of the holder (a command, a heartbeat), keeping the lease alive.
    public mutating func touch(by user: String, at time: Int64) throws(ControlError) {
        guard holder(at: time) == user else {
            throw ControlError(.leaseNotHeld, "\(user) does not control \(equipment); request the lease first")
        }
        lastActivityAt = time
    }

    /// Gives the lease back.
    public mutating func release(by user: String, at time: Int64) throws(ControlError) -> Event {
        guard holder(at: time) == user else {
            throw ControlError(.leaseNotHeld, "\(user) does not control \(equipment); there is nothing to release")
        }
        holder = nil
        grantedAt = nil
        lastActivityAt = nil
        return Event(kind: .released, equipment: equipment, holder: nil, previousHolder: user, at: time)
    }

    /// Gives the lease to `supervisor` whoever holds it; the caller has checked the supervisor's role.
    public mutating func takeOver(by supervisor: String, at time: Int64) -> Event {
        let previous = holder(at: time)
        holder = supervisor
        grantedAt = time
        lastActivityAt = time
        return Event(kind: .takenOver, equipment: equipment, holder: supervisor, previousHolder: previous, at: time)
    }

    /// Frees a lease idle past its timeout, returning the event if it did.
    public mutating func expireIfIdle(now: Int64) -> Event? {
        guard let holder, self.holder(at: now) == nil else { return nil }
        let at = (lastActivityAt ?? now) + inactivityTimeoutMilliseconds
        self.holder = nil
        grantedAt = nil
        lastActivityAt = nil
        return Event(kind: .expired, equipment: equipment, holder: nil, previousHolder: holder, at: at)
    }
}
