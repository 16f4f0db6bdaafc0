import GantryCore

/// A page of raw points of one or more tags, in the order the tags were asked for, oldest first.
public struct RawQuery: Hashable, Sendable {
    /// The largest page a caller may ask for, so no request materialises an unbounded result.
    public static let maximumLimit = 100_000

    public var tags: [TagPath]
    public var range: TimeRange
    /// How many points the page holds at most, over all tags.
    public var limit: Int
    /// Where the previous page stopped; nil for the first page.
    public var after: RawCursor?

    public init(tags: [TagPath], range: TimeRange, limit: Int = 10_000, after: RawCursor? = nil) {
        self.tags = tags
        self.range = range
        self.limit = limit
        self.after = after
    }

    func validated() throws(TelemetryError) -> RawQuery {
        guard !tags.isEmpty else { throw TelemetryError(.invalidQuery, "name at least one tag") }
        guard (1...Self.maximumLimit).contains(limit) else {
            throw TelemetryError(.invalidQuery, "limit must be 1 to \(Self.maximumLimit), not \(limit)")
        }
        if let after, after.tagIndex >= tags.count {
            throw TelemetryError(.invalidQuery, "the cursor does not belong to this query")
        }
        return self
    }
}

/// Where a raw page stopped: the tag (by its position in the query) and the last timestamp answered.
public struct RawCursor: Hashable, Sendable {
    public let tagIndex: Int
    public let timestamp: Int64

    public init(tagIndex: Int, timestamp: Int64) {
        self.tagIndex = tagIndex
        self.timestamp = timestamp
    }

    /// The cursor as an opaque token for clients (`3.1700000000000`).
    public var token: String { "\(tagIndex).\(timestamp)" }

    public init(token: String) throws(TelemetryError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), index >= 0, let timestamp = Int64(parts[1]) else {
            throw TelemetryError(.invalidQuery, "'\(token)' is not a cursor this server issued")
        }
        self.init(tagIndex: index, timestamp: timestamp)
    }
}

/// One page of raw points and where the next one starts.
public struct RawPage: Hashable, Sendable {
    /// One entry per tag asked for that has points in this page.
    public var series: [SeriesPoints]
    /// Nil when this is the last page.
    public var next: RawCursor?

    public init(series: [SeriesPoints], next: RawCursor?) {
        self.series = series
        self.next = next
    }
}

/// What a bucket summarises its points into.
public enum Aggregate: String, Hashable, Sendable, CaseIterable {
    case avg, min, max, sum, count, first, last
    /// Time-weighted average: each value counts for as long as it held, as a step signal (a setpoint, a
    /// valve position) is read; the value before the bucket carries in.
    case twa

    /// Whether the aggregate needs numbers (`string` tags answer only count, first and last).
    public var isNumeric: Bool {
        switch self {
        case .count, .first, .last: false
        default: true
        }
    }
}

/// Points of each tag summarised per fixed bucket of time.
public struct BucketQuery: Hashable, Sendable {
    /// Bucket widths from a second to a day.
    public static let widths: ClosedRange<Int64> = 1000...86_400_000
    /// The most buckets one series may answer.
    public static let maximumBuckets: Int64 = 100_000

    public var tags: [TagPath]
    public var range: TimeRange
    /// The bucket width in milliseconds; buckets start at multiples of it since the epoch.
    public var width: Int64
    public var aggregate: Aggregate

    public init(tags: [TagPath], range: TimeRange, width: Int64, aggregate: Aggregate) {
        self.tags = tags
        self.range = range
        self.width = width
        self.aggregate = aggregate
    }

    func validated() throws(TelemetryError) -> BucketQuery {
        guard !tags.isEmpty else { throw TelemetryError(.invalidQuery, "name at least one tag") }
        guard Self.widths.contains(width) else {
            throw TelemetryError(.invalidQuery, "a bucket must be 1 s to 1 day wide, not \(width) ms")
        }
        // Ranges near the ends of Int64 would overflow the arithmetic: count them as too many buckets.
        let first = range.from > Int64.min + width ? bucketStart(range.from) : Int64.min
        let (span, overflow) = range.to.subtractingReportingOverflow(first)
        let buckets = overflow ? Int64.max : (span - 1) / width + 1
        guard buckets <= Self.maximumBuckets else {
            throw TelemetryError(
                .invalidQuery,
                "\(buckets) buckets of \(width) ms exceed the \(Self.maximumBuckets) a series may answer; widen the bucket or shorten the range"
            )
        }
        return self
    }

    /// The start of the bucket holding `timestamp`.
    public func bucketStart(_ timestamp: Int64) -> Int64 {
        let remainder = timestamp % width
        return remainder >= 0 ? timestamp - remainder : timestamp - remainder - width
    }
}

/// Points of each tag thinned to at most `maxPoints` for a chart, keeping every peak.
public struct DownsampleQuery: Hashable, Sendable {
    public static let maximumPoints = 20_000

    public var tags: [TagPath]
    public var range: TimeRange
    public var maxPoints: Int

    public init(tags: [TagPath], range: TimeRange, maxPoints: Int) {
        self.tags = tags
        self.range = range
        self.maxPoints = maxPoints
    }

    func validated() throws(TelemetryError) -> DownsampleQuery {
        guard !tags.isEmpty else { throw TelemetryError(.invalidQuery, "name at least one tag") }
        guard (4...Self.maximumPoints).contains(maxPoints) else {
            throw TelemetryError(.invalidQuery, "maxPoints must be 4 to \(Self.maximumPoints), not \(maxPoints)")
        }
        return self
    }
}

/// How long the history under a path prefix is kept.
public struct RetentionRule: Hashable, Sendable {
    /// An asset or tag path; the rule covers every tag under it. The longest matching prefix wins.
    public var prefix: String
    /// How long points are kept, in milliseconds.
    public var keep: Int64

    public init(prefix: String, keep: Int64) {
        self.prefix = prefix
        self.keep = keep
    }

    /// Whether the rule covers `tag`.
    public func covers(_ tag: TagPath) -> Bool {
        let path = tag.description
        return path == prefix || path.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
    }

    /// The rule for `tag`: the one with the longest prefix that covers it.
    public static func rule(for tag: TagPath, in rules: [RetentionRule]) -> RetentionRule? {
        rules.filter { $0.covers(tag) }.max { $0.prefix.count < $1.prefix.count }
    }
}

/// What applying retention removed.
public struct RetentionReport: Hashable, Sendable {
    /// Whole chunks (or partitions, or rows) dropped.
    public var droppedChunks: Int
    /// Bytes given back to the file system, when the backend can tell.
    public var freedBytes: Int64

    public init(droppedChunks: Int, freedBytes: Int64) {
        self.droppedChunks = droppedChunks
        self.freedBytes = freedBytes
    }
}
