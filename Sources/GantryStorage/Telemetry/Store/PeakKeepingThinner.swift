/// Thins a series for a chart to at most `maxPoints` points by keeping the lowest and the highest point
/// of each pixel column, in the order they occurred, so no spike or dip disappears (the min/max
/// downsampling of plotting libraries, streamed: it holds one column at a time).
struct PeakKeepingThinner<Point> {
    private let from: Int64
    private let columnWidth: Int64
    private var column: Int64 = -1
    private var low: (point: Point, timestamp: Int64, value: Double)?
    private var high: (point: Point, timestamp: Int64, value: Double)?
    private var kept: [Point] = []

    init(range: TimeRange, maxPoints: Int) {
        from = range.from
        let columns = Int64(max(1, maxPoints / 2))
        columnWidth = max(1, (range.duration + columns - 1) / columns)
    }

    mutating func add(_ point: Point, timestamp: Int64, value: Double) {
        let index = (timestamp - from) / columnWidth
        if index != column {
            closeColumn()
            column = index
        }
        if low == nil || value < low!.value { low = (point, timestamp, value) }
        if high == nil || value > high!.value { high = (point, timestamp, value) }
    }

    private mutating func closeColumn() {
        guard let low, let high else { return }
        if low.timestamp == high.timestamp {
            kept.append(low.point)
        } else if low.timestamp < high.timestamp {
            kept += [low.point, high.point]
        } else {
            kept += [high.point, low.point]
        }
        self.low = nil
        self.high = nil
    }

    mutating func finish() -> [Point] {
        closeColumn()
        return kept
    }
}

extension PeakKeepingThinner where Point: TimestampedPoint {
    mutating func add(_ point: Point, value: Double) {
        add(point, timestamp: point.timestamp, value: value)
    }
}
