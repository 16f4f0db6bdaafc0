extension TopicFilter {
    /// Whether a message published to `name` reaches a subscription with this filter.
    ///
    /// Level by level: a plain level matches the same bytes [MQTT-4.7.3-4], `+` matches any one level,
    /// empty ones included, and `#` matches the rest, including nothing, so `sport/#` matches `sport`. A
    /// filter starting with a wildcard never matches a name beginning with `$` [MQTT-4.7.2-1]. A shared
    /// filter matches by its ``pattern``. The broker routes through ``SubscriptionTree``; this is the
    /// reference that the tree is tested against, and the check for a single filter.
    /// - Complexity: O(levels of the filter).
    public func matches(_ name: TopicName) -> Bool {
        let filterLevels = levels
        let nameLevels = name.levels
        if name.startsWithDollar, let first = filterLevels.first,
            first.kind != .plain
        {
            return false
        }
        var index = 0
        while index < filterLevels.count {
            let level = filterLevels[index]
            if level.kind == .multiLevelWildcard { return true }
            guard index < nameLevels.count else { return false }
            if level.kind == .plain && level != nameLevels[index] { return false }
            index += 1
        }
        return index == nameLevels.count
    }
}
