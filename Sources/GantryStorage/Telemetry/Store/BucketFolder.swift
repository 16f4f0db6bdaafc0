import GantryCore

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

/// The time-weighted average per bucket of a step signal: each value counts for as long as it held, until
/// the next value or the end of its bucket (cut by the range); the value before a bucket carries in.
/// Buckets without a point of their own are left out, as for every aggregate.
struct TimeWeightedAverager {
    private let query: BucketQuery
    private var current: (value: Double, since: Int64, quality: Quality)?
    private var buckets: [(start: Int64, integral: Double, duration: Int64, quality: Quality)] = []

    init(query: BucketQuery) {
        self.query = query
    }

    /// The value the signal held when the range began.
    mutating func carry(_ value: Double, quality: Quality) {
        current = (value, query.range.from, quality)
    }

    /// The signal takes `value` at `timestamp` (in time order, within the range).
    mutating func step(to value: Double, at timestamp: Int64, quality: Quality) {
        let bucket = query.bucketStart(timestamp)
        if buckets.last?.start != bucket {
            closeBucket()
            buckets.append((bucket, 0, 0, .good))
            // The value before the bucket holds from the bucket's start (or the range's).
            if let current { self.current = (current.value, max(bucket, query.range.from), current.quality) }
        }
        if let current {
            hold(current.value, from: current.since, to: timestamp, quality: current.quality)
        }
        current = (value, timestamp, quality)
    }

    /// Answers the buckets that hold a point, oldest first.
    mutating func finish() -> [(Int64, Double, Quality)] {
        closeBucket()
        return buckets.compactMap { bucket in
            bucket.duration > 0 ? (bucket.start, bucket.integral / Double(bucket.duration), bucket.quality) : nil
        }
    }

    /// Lets the current value run to the end of the open bucket.
    private mutating func closeBucket() {
        guard let last = buckets.last, let current else { return }
        hold(
            current.value, from: current.since, to: min(last.start + query.width, query.range.to),
            quality: current.quality)
    }

    private mutating func hold(_ value: Double, from start: Int64, to end: Int64, quality: Quality) {
        guard end > start, !buckets.isEmpty else { return }
        buckets[buckets.count - 1].integral += value * Double(end - start)
        buckets[buckets.count - 1].duration += end - start
        buckets[buckets.count - 1].quality = buckets[buckets.count - 1].quality.worse(quality)
    }
}
