import GantryCore

extension Quality {
    /// The less trustworthy of two qualities (bad over uncertain over good; the earlier one on a tie).
    func worse(_ other: Quality) -> Quality {
        other.statusCode >> 30 > statusCode >> 30 ? other : self
    }
}

/// The summary of one bucket of a numeric series: what 1-minute and 1-hour rollups store, and what bucket
/// queries fold points into.
///
/// Entries of the same bucket merge in time order, because a series' chunks never overlap: the earlier
/// part keeps its `first`, the later part brings its `last`.
struct RollupEntry: Sendable, Hashable {
    var count: Int64
    var sum: Double
    var min: Double
    var max: Double
    var first: Double
    var last: Double
    /// The worst quality of the bucket's points: a summary is only as trustworthy as its weakest input.
    var quality: Quality

    init(_ value: Double, quality: Quality = .good) {
        count = 1
        sum = value
        min = value
        max = value
        first = value
        last = value
        self.quality = quality
    }

    init(count: Int64, sum: Double, min: Double, max: Double, first: Double, last: Double, quality: Quality) {
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
        self.first = first
        self.last = last
        self.quality = quality
    }

    mutating func add(_ value: Double, quality pointQuality: Quality = .good) {
        count += 1
        sum += value
        if value < min { min = value }
        if value > max { max = value }
        last = value
        quality = quality.worse(pointQuality)
    }

    /// Folds in the entry of a later part of the same bucket.
    mutating func merge(later other: RollupEntry) {
        count += other.count
        sum += other.sum
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        last = other.last
        quality = quality.worse(other.quality)
    }

    func value(of aggregate: Aggregate) -> Double {
        switch aggregate {
        case .avg, .twa: sum / Double(count)
        case .min: min
        case .max: max
        case .sum: sum
        case .count: Double(count)
        case .first: first
        case .last: last
        }
    }
}
