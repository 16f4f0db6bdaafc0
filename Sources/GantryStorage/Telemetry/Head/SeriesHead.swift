import GantryCore

/// Something with a timestamp that a series head can order.
public protocol TimestampedPoint: Sendable {
    /// Milliseconds since the Unix epoch, UTC.
    var timestamp: Int64 { get }
}

extension DoublePoint: TimestampedPoint {}

/// The newest, not yet compressed points of one series, kept in timestamp order.
///
/// Devices resend after reconnects and gateways deliver late: points within the out-of-order window are
/// merged into place, a point for a timestamp already held replaces it (the last write wins), and points
/// too far in the future (a wrong device clock) or too late are refused with a reason.
public struct SeriesHead<Point: TimestampedPoint>: Sendable {
    /// How far behind the newest point a late point may arrive and still be merged, in milliseconds.
    public let outOfOrderWindow: Int64
    /// How far ahead of the server's clock a point may be, in milliseconds.
    public let futureBound: Int64
    public private(set) var points: [Point] = []

    public init(outOfOrderWindow: Int64, futureBound: Int64) {
        self.outOfOrderWindow = outOfOrderWindow
        self.futureBound = futureBound
    }

    /// The newest timestamp held, if any.
    public var newest: Int64? { points.last?.timestamp }

    /// Merges `point` into place.
    /// - Parameter now: the server's clock, in milliseconds since the epoch.
    /// - Complexity: O(1) for a point newer than all held; O(n) for a late one (binary search, then insert).
    public mutating func insert(_ point: Point, now: Int64) throws(TelemetryError) {
        try SampleAdmission(outOfOrderWindow: outOfOrderWindow, futureBound: futureBound)
            .check(point.timestamp, newest: newest, now: now)
        merge(point)
    }

    /// Puts `point` into place without the window and future checks: for points already checked (a
    /// validated batch) or already acknowledged (a WAL replay).
    /// - Complexity: O(1) for a point newer than all held; O(n) for a late one.
    public mutating func merge(_ point: Point) {
        guard let newest = points.last?.timestamp, point.timestamp <= newest else {
            points.append(point)
            return
        }
        let index = firstIndex(atOrAfter: point.timestamp)
        if index < points.count, points[index].timestamp == point.timestamp {
            points[index] = point
        } else {
            points.insert(point, at: index)
        }
    }

    /// Removes and returns every point older than `timestamp`, oldest first, to be compressed into a chunk.
    public mutating func drain(before timestamp: Int64) -> [Point] {
        let end = firstIndex(atOrAfter: timestamp)
        let drained = Array(points[..<end])
        points.removeFirst(end)
        return drained
    }

    /// Removes and returns every point.
    public mutating func drainAll() -> [Point] {
        defer { points.removeAll(keepingCapacity: true) }
        return points
    }

    private func firstIndex(atOrAfter timestamp: Int64) -> Int {
        var low = 0
        var high = points.count
        while low < high {
            let middle = (low + high) / 2
            if points[middle].timestamp < timestamp { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
