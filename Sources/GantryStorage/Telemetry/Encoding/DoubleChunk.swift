import GantryCore

/// A reading of a numeric series: when, what, and how trustworthy.
public struct DoublePoint: Hashable, Sendable {
    /// Milliseconds since the Unix epoch, UTC.
    public let timestamp: Int64
    public let value: Double
    public let quality: Quality

    public init(timestamp: Int64, value: Double, quality: Quality = .good) {
        self.timestamp = timestamp
        self.value = value
        self.quality = quality
    }
}

/// Compresses a run of points of one double series into one bit stream: per point a delta-of-delta
/// timestamp, an XOR-encoded value and the quality (one bit while it stays as it was).
///
/// Points must be appended in timestamp order; the head that feeds chunks sorts and de-duplicates first.
public struct DoubleChunkEncoder: Sendable {
    private var writer = BitWriter(reservingBytes: 256)
    private var timestamps = TimestampEncoder()
    private var values = FloatEncoder()
    private var quality = Quality.good

    public init() {}

    /// How many points the chunk holds.
    public var count: Int { timestamps.count }

    /// The compressed size so far, in bytes.
    public var byteCount: Int { writer.bytes.count }

    /// Adds a point.
    /// - Complexity: O(1).
    public mutating func append(_ point: DoublePoint) {
        timestamps.append(point.timestamp, to: &writer)
        values.append(point.value, to: &writer)
        if point.quality == quality {
            writer.write(bit: false)
        } else {
            writer.write(bit: true)
            writer.write(UInt64(point.quality.statusCode), bits: 32)
            quality = point.quality
        }
    }

    /// The compressed bytes; decode them with the same `count`.
    public var bytes: [UInt8] { writer.bytes }
}

/// Expands a chunk written by ``DoubleChunkEncoder``.
public enum DoubleChunkDecoder {
    /// The `count` points in `bytes`.
    /// - Complexity: O(count).
    public static func decode(_ bytes: [UInt8], count: Int) throws(ChunkDecodingError) -> [DoublePoint] {
        var reader = BitReader(bytes)
        var timestamps = TimestampDecoder()
        var values = FloatDecoder()
        var quality = Quality.good
        var points: [DoublePoint] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            let timestamp = try timestamps.next(from: &reader)
            let value = try values.next(from: &reader)
            if try reader.readBit() {
                quality = Quality(statusCode: UInt32(try reader.read(bits: 32)))
            }
            points.append(DoublePoint(timestamp: timestamp, value: value, quality: quality))
        }
        return points
    }
}
