/// Folds points or partial entries, arriving oldest first, into the query's buckets.
struct BucketFolder {
    private let query: BucketQuery
    private(set) var buckets: [(Int64, RollupEntry)] = []

    init(query: BucketQuery) {
        self.query = query
    }

    /// Adds an entry for the bucket holding `timestamp`; entries must come in time order.
    mutating func add(_ entry: RollupEntry, at timestamp: Int64) {
        let bucket = query.bucketStart(timestamp)
        if let last = buckets.indices.last, buckets[last].0 == bucket {
            buckets[last].1.merge(later: entry)
        } else {
            buckets.append((bucket, entry))
        }
    }
}

/// The time-weighted average per bucket of a step signal: each value counts for as long as it held,
/// until the next value or the end of the range.
struct TimeWeightedAverager {
    private let query: BucketQuery
    private var current: (value: Double, since: Int64)?
    private var sums: [Int64: (integral: Double, duration: Int64)] = [:]

    init(query: BucketQuery) {
        self.query = query
    }

    /// The signal takes `value` at `timestamp` (in time order).
    mutating func step(to value: Double, at timestamp: Int64) {
        if let current { hold(current.value, from: current.since, to: timestamp) }
        current = (value, max(timestamp, query.range.from))
    }

    /// Closes the last value at `end` and answers the buckets that saw a value, oldest first.
    mutating func finish(at end: Int64) -> [(Int64, Double)] {
        if let current { hold(current.value, from: current.since, to: end) }
        return sums.keys.sorted().compactMap { bucket in
            let sum = sums[bucket]!
            return sum.duration > 0 ? (bucket, sum.integral / Double(sum.duration)) : nil
        }
    }

    private mutating func hold(_ value: Double, from start: Int64, to end: Int64) {
        var from = max(start, query.range.from)
        let end = min(end, query.range.to)
        while from < end {
            let bucket = query.bucketStart(from)
            let stop = min(bucket + query.width, end)
            sums[bucket, default: (0, 0)].integral += value * Double(stop - from)
            sums[bucket, default: (0, 0)].duration += stop - from
            from = stop
        }
    }
}
