import GantryCore

/// Counts the alarms annunciated to each operator position and reports the ISA-18.2 alarm-rate KPIs:
/// average per 10 minutes, peak 10-minute count, and share of time in flood.
///
/// Feed it the journal (only annunciations count: entries into active-unacknowledged). It keeps one
/// counter per position per minute for ``retentionMilliseconds``, so a report over a day reads 1 440
/// counters. Pure: times come from the entries and the arguments.
///
/// Thresholds, from ANSI/ISA-18.2-2016 table 5 and EEMUA 191: about 1 alarm per 10 minutes per operator
/// is very likely acceptable, about 2 the maximum manageable, more than 10 in 10 minutes is a flood.
public struct AlarmFloodMeter: Sendable {
    /// The period the KPIs are stated over.
    public static let periodMilliseconds: Int64 = 600_000
    /// ISA-18.2: ≈1 annunciation per 10 minutes is very likely acceptable.
    public static let acceptablePerTenMinutes = 1.0
    /// ISA-18.2: ≈2 annunciations per 10 minutes is the maximum manageable.
    public static let manageablePerTenMinutes = 2.0
    /// ISA-18.2: more than 10 annunciations in 10 minutes is an alarm flood.
    public static let floodAbove = 10

    private static let minute: Int64 = 60_000

    /// The positions measured.
    public let positions: [OperatorPosition]
    /// How long counts are kept.
    public let retentionMilliseconds: Int64
    /// Per position: annunciations per minute since the epoch.
    private var counts: [[Int64: Int]]
    private var latestMinute: Int64 = .min

    /// A meter for `positions`, keeping counts for `retentionMilliseconds` (30 days by default).
    public init(positions: [OperatorPosition], retentionMilliseconds: Int64 = 30 * 86_400_000) {
        self.positions = positions
        self.retentionMilliseconds = retentionMilliseconds
        self.counts = Array(repeating: [:], count: positions.count)
    }

    /// Counts `entry` for every position covering its asset, if it annunciates an alarm.
    public mutating func record(_ entry: JournalEntry) {
        guard entry.isAnnunciation else { return }
        recordAnnunciation(asset: entry.asset, at: entry.time)
    }

    /// Counts one annunciation of an alarm on `asset` at `time`: for a server that reads annunciations back
    /// from its stored journal rather than holding whole entries.
    public mutating func recordAnnunciation(asset: AssetPath, at time: Int64) {
        let minute = Self.floor(time, Self.minute)
        for index in positions.indices where positions[index].covers(asset) {
            counts[index][minute, default: 0] += 1
        }
        if minute > latestMinute {
            latestMinute = minute
            if minute % (60 * Self.minute) == 0 { prune(before: minute - retentionMilliseconds) }
        }
    }

    /// Counts each of `entries`.
    public mutating func record(_ entries: some Sequence<JournalEntry>) {
        for entry in entries { record(entry) }
    }

    /// Annunciations to `position` in the 10 minutes up to `now` (a sliding window, by the minute).
    public func recentCount(position: String, now: Int64) -> Int {
        guard let index = positions.firstIndex(where: { $0.name == position }) else { return 0 }
        let last = Self.floor(now, Self.minute)
        return (0..<10).reduce(0) { total, back in
            total + counts[index][last - Int64(back) * Self.minute, default: 0]
        }
    }

    /// Whether `position` is in a flood now: more than 10 annunciations in the last 10 minutes.
    public func isFlooding(position: String, now: Int64) -> Bool {
        recentCount(position: position, now: now) > Self.floodAbove
    }

    /// The KPIs of every position over `[from, to)`. Periods are the clock's 10-minute periods (00:00,
    /// 00:10, …) that overlap the range.
    public func reports(from: Int64, to: Int64) -> [AlarmRateReport] {
        positions.indices.map { report(index: $0, from: from, to: to) }
    }

    /// The KPIs of the position named `position`, or `nil` if there is none.
    public func report(position: String, from: Int64, to: Int64) -> AlarmRateReport? {
        positions.firstIndex { $0.name == position }.map { report(index: $0, from: from, to: to) }
    }

    private func report(index: Int, from: Int64, to: Int64) -> AlarmRateReport {
        let period = Self.periodMilliseconds
        var total = 0
        var peak = 0
        var periods = 0
        var floods = 0
        var start = Self.floor(from, period)
        while start < max(to, from + 1) {
            var count = 0
            for step in 0..<period / Self.minute {
                let minute = start + step * Self.minute
                guard minute + Self.minute > from, minute < to else { continue }
                count += counts[index][minute, default: 0]
            }
            total += count
            peak = max(peak, count)
            periods += 1
            if count > Self.floodAbove { floods += 1 }
            start += period
        }
        let average = to > from ? Double(total) * Double(period) / Double(to - from) : 0
        return AlarmRateReport(
            position: positions[index].name, from: from, to: to, annunciations: total,
            averagePerTenMinutes: average, peakPerTenMinutes: peak, periods: periods, floodPeriods: floods,
            percentInFlood: periods > 0 ? 100 * Double(floods) / Double(periods) : 0,
            load: AlarmLoad(averagePerTenMinutes: average))
    }

    private mutating func prune(before cutoff: Int64) {
        for index in counts.indices {
            counts[index] = counts[index].filter { $0.key >= cutoff }
        }
    }

    private static func floor(_ time: Int64, _ unit: Int64) -> Int64 {
        time >= 0 ? time / unit * unit : (time - unit + 1) / unit * unit
    }
}
