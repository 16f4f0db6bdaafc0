/// The alarm-rate KPIs of one operator position over a time range, in the terms of ISA-18.2 table 5.
public struct AlarmRateReport: Hashable, Sendable, Codable {
    /// The position's name.
    public var position: String
    /// The range reported, milliseconds since the Unix epoch, `to` exclusive.
    public var from: Int64
    public var to: Int64
    /// Alarms annunciated to the position in the range.
    public var annunciations: Int
    /// Annunciations per 10 minutes, averaged over the range (target: about 1 or fewer).
    public var averagePerTenMinutes: Double
    /// The most annunciations in one 10-minute period (clock-aligned) of the range (target: 10 or fewer).
    public var peakPerTenMinutes: Int
    /// 10-minute periods in the range, and how many of them held a flood (more than 10 annunciations).
    public var periods: Int
    public var floodPeriods: Int
    /// The share of time in flood, in percent: flood periods over periods (target: under about 1 %).
    public var percentInFlood: Double
    /// How the average compares with the benchmarks.
    public var load: AlarmLoad

    public init(
        position: String, from: Int64, to: Int64, annunciations: Int, averagePerTenMinutes: Double,
        peakPerTenMinutes: Int, periods: Int, floodPeriods: Int, percentInFlood: Double, load: AlarmLoad
    ) {
        self.position = position
        self.from = from
        self.to = to
        self.annunciations = annunciations
        self.averagePerTenMinutes = averagePerTenMinutes
        self.peakPerTenMinutes = peakPerTenMinutes
        self.periods = periods
        self.floodPeriods = floodPeriods
        self.percentInFlood = percentInFlood
        self.load = load
    }
}
