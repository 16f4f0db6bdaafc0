/// One reading of one tag: when, what, and how far it can be trusted.
public struct TelemetryPoint: Hashable, Sendable {
    /// Milliseconds since the Unix epoch, UTC.
    public var timestamp: Int64
    public var value: SampleValue
    public var quality: Quality

    public init(timestamp: Int64, value: SampleValue, quality: Quality = .good) {
        self.timestamp = timestamp
        self.value = value
        self.quality = quality
    }
}

/// Readings of one tag, oldest first: what is appended to a store and what queries answer.
public struct SeriesPoints: Hashable, Sendable {
    public var tag: TagPath
    public var points: [TelemetryPoint]

    public init(tag: TagPath, points: [TelemetryPoint]) {
        self.tag = tag
        self.points = points
    }
}
