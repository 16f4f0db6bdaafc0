import GantryCore

/// Where measured values live: appended durably, read back raw, in buckets, thinned for charts, or as the
/// latest value per tag.
///
/// Two backends keep this contract: ``EmbeddedTelemetryStore`` in the data directory (the default) and
/// ``PostgresTelemetryStore`` for when a plant outgrows one machine. One contract test suite runs on both.
///
/// A series is identified by its tag path; a path's values keep one data type (the first appended), and a
/// point of another type is refused with ``TelemetryError/Code/wrongType``.
public protocol TelemetryStore: Sendable {
    /// Appends points of one or more tags and returns once they are durable.
    ///
    /// The batch is all or nothing: a point that is too far in the future, too late for its series, or of
    /// the wrong type fails the whole batch with a ``TelemetryError`` naming it, and nothing is stored.
    /// Points at a timestamp already held replace it (the last write wins).
    func append(_ batch: [SeriesPoints]) async throws

    /// Appends high-rate blocks and returns once they are durable.
    func append(waveforms: [Waveform]) async throws

    /// A page of raw points.
    func read(_ query: RawQuery) async throws -> RawPage

    /// Points summarised per bucket; `ts` of each answered point is its bucket's start, empty buckets are
    /// left out. Values are doubles, except `count` (an int) and `first`/`last` (the series' own type).
    func read(_ query: BucketQuery) async throws -> [SeriesPoints]

    /// At most `maxPoints` points per tag that keep every peak (the minimum and maximum of each pixel).
    func read(_ query: DownsampleQuery) async throws -> [SeriesPoints]

    /// The newest point of each tag that has one.
    func latest(_ tags: [TagPath]) async throws -> [SeriesPoints]

    /// Waveform blocks of `tag` starting within `range`, oldest first, at most `limit`.
    func waveforms(_ tag: TagPath, in range: TimeRange, limit: Int) async throws -> [Waveform]

    /// Drops whatever the rules say is too old, as whole chunks (or partitions), so the disk really shrinks.
    func applyRetention(_ rules: [RetentionRule], now: Int64) async throws -> RetentionReport

    /// Stops background work and releases files and connections.
    func close() async throws
}
