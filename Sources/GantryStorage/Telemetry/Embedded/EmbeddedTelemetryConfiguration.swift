import Foundation

/// How the embedded engine keeps its data: where, how late and how early points may be, and how much
/// memory and log it may hold before it flushes.
public struct EmbeddedTelemetryConfiguration: Sendable {
    /// The directory of the engine's files: `wal/`, `chunks/` and `index.sqlite`.
    public var directory: String
    /// How far behind its series' newest point a late point is still merged, in milliseconds.
    public var outOfOrderWindow: Int64 = 60_000
    /// How far ahead of the server clock a point may be, in milliseconds.
    public var futureBound: Int64 = 300_000
    /// Points held uncompressed over all series before a flush; bounds memory whatever the series count
    /// (24 bytes a point, so the default is about 100 MB).
    public var headPointLimit = 4_000_000
    /// Write-ahead log bytes after which a flush compresses the heads and starts a new log segment.
    public var walByteLimit = 256 << 20
    /// Points per chunk at most; smaller chunks decode less for short queries, larger ones compress better.
    public var chunkPointLimit = 8_192
    /// The server clock in milliseconds since the epoch; tests pin it.
    public var clock: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    public init(directory: String) {
        self.directory = directory
    }
}
