/// Chooses the one member of a shared subscription that receives each message, in turn.
///
/// Round-robin per shared filter, in the order members joined, skipping members the broker says cannot
/// take a message now (offline, or out of send quota). The same calls always pick the same members, so
/// tests and replays are deterministic. Turns are fair while membership is stable; a member joining or
/// leaving shifts the turn by at most one place.
public struct SharedSubscriptionPicker<Subscriber: Hashable & Sendable>: Sendable {
    /// The position to try first, per shared filter.
    private var nextTurn: [TopicFilter: Int] = [:]

    public init() {}

    /// How many shared filters the picker keeps a turn for.
    public var trackedShareCount: Int { nextTurn.count }

    /// The member of `share` to send the message to, and advances its turn; nil if no member is available.
    /// - Parameter isAvailable: whether a member can take the message now; members for which it returns
    ///   false are passed over, not skipped for good.
    /// - Complexity: O(members) at worst, O(1) when the next member is available.
    public mutating func pick(
        from share: SubscriptionMatch<Subscriber>.Share, isAvailable: (Subscriber) -> Bool = { _ in true }
    ) -> SubscriptionMatch<Subscriber>.Member? {
        let members = share.members
        guard !members.isEmpty else { return nil }
        let start = (nextTurn[share.filter] ?? 0) % members.count
        for offset in 0..<members.count {
            let position = (start + offset) % members.count
            if isAvailable(members[position].subscriber) {
                nextTurn[share.filter] = (position + 1) % members.count
                return members[position]
            }
        }
        return nil
    }

    /// Drops the turn kept for `filter`, once its share has no members left, so the picker does not grow
    /// with shares that are gone.
    public mutating func forget(_ filter: TopicFilter) {
        nextTurn[filter] = nil
    }
}
