import GantryCore

/// One reading on its way in: which tag, and the point.
public struct IngestSample: Sendable, Hashable {
    public var tag: TagPath
    public var point: TelemetryPoint

    public init(tag: TagPath, point: TelemetryPoint) {
        self.tag = tag
        self.point = point
    }
}

/// Who sent a batch, and what it may do: a device is confined to its asset subtree and may
/// create the tags it publishes there if its tenant allows it.
public struct IngestSource: Sendable, Hashable {
    /// The login name, for logs (a device's `enterprise.name`).
    public var name: String
    /// The subtree the source may write; `nil` for the platform itself.
    public var subtree: AssetPath?
    /// Whether a first sample of an unknown tag inside the subtree creates the tag (type inferred).
    public var mayCreateTags: Bool

    public init(name: String, subtree: AssetPath?, mayCreateTags: Bool) {
        self.name = name
        self.subtree = subtree
        self.mayCreateTags = mayCreateTags
    }
}
