import GantryCore

/// What one live subscriber asked for, and what its roles let it see.
///
/// Tag patterns are tag paths whose levels may be `+` (any one level) or, last, `#` (any number of levels,
/// none included), as MQTT topic filters are, so `acme/plant1/+/press-7/#` reads as it would on the broker.
public struct LiveFilter: Sendable {
    /// Tag path patterns, already split into levels.
    let tagPatterns: [[Substring]]
    /// Whether alarm changes are wanted (within the viewer's subtrees).
    public var alarms: Bool
    /// Whether device online/offline changes are wanted (within the viewer's subtrees).
    public var devices: Bool
    /// Whether command, lease and teleoperation changes are wanted (within the viewer's subtrees).
    public var control: Bool
    /// The subtrees the subscriber may view; nil for the platform's own consumers, which see everything.
    let scopes: [AssetPath]?

    /// - Throws: `LiveFilterError` for a pattern with an empty level, a `#` before the last level, or a
    ///   level mixing `+`/`#` with other characters.
    public init(
        tags: [String], alarms: Bool = false, devices: Bool = false, control: Bool = false, rights: AccessRights?
    ) throws(LiveFilterError) {
        var patterns: [[Substring]] = []
        for pattern in tags {
            let levels = pattern.split(separator: "/", omittingEmptySubsequences: false)
            for (index, level) in levels.enumerated() {
                if level.isEmpty { throw LiveFilterError("tag pattern '\(pattern)' has an empty level") }
                if level == "#" && index != levels.count - 1 {
                    throw LiveFilterError("tag pattern '\(pattern)': '#' may only be the last level")
                }
                if level != "#" && level != "+" && (level.contains("#") || level.contains("+")) {
                    throw LiveFilterError("tag pattern '\(pattern)': '+' and '#' must stand alone in a level")
                }
            }
            patterns.append(levels)
        }
        self.tagPatterns = patterns
        self.alarms = alarms
        self.devices = devices
        self.control = control
        self.scopes = rights?.scopes(for: .viewer)
    }

    /// Whether the subscriber gets `event`.
    func admits(_ event: LiveEvent) -> Bool {
        if let scopes, !scopes.contains(where: { event.asset.isWithin($0) }) { return false }
        switch event {
        case .sample(let tag, _): return matches(tag)
        case .device: return devices
        case .alarm: return alarms
        case .control: return control
        }
    }

    /// Whether some pattern matches `tag` (asset levels, then the tag name).
    func matches(_ tag: TagPath) -> Bool {
        let segments = tag.asset.segments
        let count = segments.count + 1
        return tagPatterns.contains { pattern in
            for (index, level) in pattern.enumerated() {
                if level == "#" { return true }
                guard index < count else { return false }
                if level == "+" { continue }
                let actual = index < segments.count ? segments[index] : tag.name
                if level != actual[...] { return false }
            }
            return pattern.count == count
        }
    }
}

/// A live subscription asked for something malformed; the message says what.
public struct LiveFilterError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
