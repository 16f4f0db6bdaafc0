/// Where one login may publish and subscribe: allow rules and deny rules written as topic filters.
///
/// A device gets its asset subtree (`acme/plant1/line1/press-7/#`) and its Sparkplug group;
/// deny rules win over allow rules. Because every allow rule of a tenant's logins lies under the
/// tenant's own prefix, tenants never see each other's topics.
public struct TopicPermissions: Sendable, Hashable {
    public let allow: [String]
    public let deny: [String]
    /// The rules split into levels once, at login, not on every PUBLISH.
    private let allowRules: [[Substring]]
    private let denyRules: [[Substring]]
    /// `#` allowed and nothing denied: every topic but `$…` ones is allowed without matching.
    private let allowsEveryTopic: Bool

    public init(allow: [String], deny: [String] = []) {
        self.allow = allow
        self.deny = deny
        self.allowRules = allow.map { $0.split(separator: "/", omittingEmptySubsequences: false) }
        self.denyRules = deny.map { $0.split(separator: "/", omittingEmptySubsequences: false) }
        self.allowsEveryTopic = deny.isEmpty && allow.contains("#")
    }

    /// Everything, for the broker's own clients and administrators.
    public static let unrestricted = TopicPermissions(allow: ["#"])

    /// Whether a PUBLISH to `topic` is allowed: some allow rule matches it and no deny rule does.
    public func mayPublish(_ topic: String) -> Bool {
        if allowsEveryTopic, topic.utf8.first != UInt8(ascii: "$") { return true }
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        return allowRules.contains { Self.rule($0, matches: levels) }
            && !denyRules.contains { Self.rule($0, matches: levels) }
    }

    /// Whether SUBSCRIBE to `filter` is allowed: every topic it can match lies inside an allow
    /// rule, and it cannot match any topic a deny rule covers.
    public func maySubscribe(_ filter: String) -> Bool {
        var levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        if levels.first == "$share", levels.count >= 3 { levels.removeFirst(2) }
        return allowRules.contains { Self.rule($0, covers: levels) }
            && !denyRules.contains { Self.rule($0, overlaps: levels) }
    }

    /// Topic-filter matching of a topic's levels (§4.7), with `$` topics kept from leading wildcards.
    static func rule(_ rule: [Substring], matches topic: [Substring]) -> Bool {
        if topic.first?.first == "$", let first = rule.first, first == "#" || first == "+" { return false }
        for (index, level) in rule.enumerated() {
            if level == "#" { return true }
            guard index < topic.count else { return false }
            if level != "+", level != topic[index] { return false }
        }
        return rule.count == topic.count
    }

    /// Whether every topic `requested` matches is matched by `rule`.
    static func rule(_ rule: [Substring], covers requested: [Substring]) -> Bool {
        for (index, level) in rule.enumerated() {
            if level == "#" { return true }
            guard index < requested.count else { return false }
            let asked = requested[index]
            if asked == "#" { return false }
            if level == "+" { continue }
            if asked == "+" || asked != level { return false }
        }
        return rule.count == requested.count
    }

    /// Whether some topic is matched by both `rule` and `requested`.
    static func rule(_ rule: [Substring], overlaps requested: [Substring]) -> Bool {
        var index = 0
        while index < rule.count, index < requested.count {
            let a = rule[index]
            let b = requested[index]
            if a == "#" || b == "#" { return true }
            if a != "+", b != "+", a != b { return false }
            index += 1
        }
        if rule.count == requested.count { return true }
        // One is longer: it overlaps only if the longer one continues with a lone `#`.
        let longer = rule.count > requested.count ? rule.map { $0 } : requested
        return longer.count == index + 1 && longer[index] == "#"
    }
}
