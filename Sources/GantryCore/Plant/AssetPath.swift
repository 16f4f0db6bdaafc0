/// Where an asset sits in the ISA-95 hierarchy: `enterprise/site/area/line/cell/equipment`.
///
/// Paths are lower-case segments of `[a-z0-9_-]` joined by `/`. The first segment is the enterprise,
/// which is also the tenant: everything under it belongs to it, and access grants are subtrees.
/// The empty path, ``root``, stands above every enterprise; only platform-wide grants use it.
public struct AssetPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path's segments, outermost first.
    public let segments: [String]

    /// The most segments a path may have (enterprise down to equipment, plus one level of sub-equipment).
    public static let maximumDepth = 8
    /// The longest segment Gantry accepts, so that paths stay readable as MQTT topics and in the console.
    public static let maximumSegmentLength = 64

    /// The path above every enterprise.
    public static let root = AssetPath(trusted: [])

    /// Parses and validates a path such as `qingdao-mine/underground/haulage/loco-01`.
    ///
    /// A leading or trailing `/` is an error rather than ignored, so that a typo never silently names
    /// a different asset.
    public init(_ text: String) throws(PlantModelError) {
        guard !text.isEmpty else {
            throw PlantModelError(.invalidPath, "path is empty; write it as segments like 'site/area/line'")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= Self.maximumDepth else {
            throw PlantModelError(
                .invalidPath, "path '\(text)' has \(parts.count) segments; at most \(Self.maximumDepth) are allowed")
        }
        for part in parts {
            try Self.validate(segment: part, in: text)
        }
        self.segments = parts
    }

    /// Builds a path from segments already known to be valid (read back from the store, or derived).
    init(trusted segments: [String]) {
        self.segments = segments
    }

    /// Checks one segment against the naming rule shared by assets, tags and devices.
    public static func validate(segment: String, in text: String? = nil) throws(PlantModelError) {
        let context = text.map { " in '\($0)'" } ?? ""
        guard !segment.isEmpty else {
            throw PlantModelError(.invalidPath, "empty segment\(context); segments are separated by a single '/'")
        }
        guard segment.utf8.count <= maximumSegmentLength else {
            throw PlantModelError(
                .invalidPath, "segment '\(segment)'\(context) is longer than \(maximumSegmentLength) characters")
        }
        guard segment.utf8.allSatisfy(Self.isAllowed) else {
            throw PlantModelError(
                .invalidPath,
                "segment '\(segment)'\(context) may only hold lower-case letters, digits, '_' and '-'")
        }
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// How many levels below the root this path is (an enterprise is 1).
    public var depth: Int { segments.count }

    /// Whether this is the platform-wide root.
    public var isRoot: Bool { segments.isEmpty }

    /// The enterprise (tenant) this path belongs to, or `nil` for the root.
    public var enterprise: String? { segments.first }

    /// The last segment: the asset's own key within its parent.
    public var leaf: String? { segments.last }

    /// The path one level up; the root's parent is the root.
    public var parent: AssetPath { AssetPath(trusted: Array(segments.dropLast())) }

    /// The path of a child called `segment`.
    public func appending(_ segment: String) throws(PlantModelError) -> AssetPath {
        try Self.validate(segment: segment)
        return AssetPath(trusted: segments + [segment])
    }

    /// Whether `self` is `ancestor` or lies below it (segment-wise, so `a/bc` is not within `a/b`).
    public func isWithin(_ ancestor: AssetPath) -> Bool {
        segments.count >= ancestor.segments.count && segments.starts(with: ancestor.segments)
    }

    public var description: String { segments.joined(separator: "/") }

    public static func < (lhs: AssetPath, rhs: AssetPath) -> Bool {
        lhs.segments.lexicographicallyPrecedes(rhs.segments)
    }
}

extension AssetPath: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try AssetPath(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
