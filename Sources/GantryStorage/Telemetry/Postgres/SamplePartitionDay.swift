import GantryCore

/// One UTC day of `telemetry_samples`: the span one partition covers and the name it has.
///
/// Days rather than hours or weeks: a day of a plant's samples is a partition of a size PostgreSQL handles
/// well (tens of MB to a few GB), retention rules are counted in days, and a year is 365 partitions, which
/// the planner prunes cheaply.
struct SamplePartitionDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    static let millisecondsPerDay: Int64 = 86_400_000
    /// The first instant PostgreSQL partitions are made for: 0001-01-01T00:00:00Z, so names keep four-digit
    /// years and every timestamp fits `timestamptz`.
    static let earliestTimestamp: Int64 = -62_135_596_800_000
    /// The last millisecond partitions are made for: 9999-12-31T23:59:59.999Z.
    static let latestTimestamp: Int64 = 253_402_300_799_999
    /// The prefix of every partition's table name.
    static let namePrefix = "telemetry_samples_p"

    /// Days since 1970-01-01.
    let index: Int64

    init(index: Int64) {
        self.index = index
    }

    /// The day holding `timestamp` (milliseconds since the epoch).
    init(containing timestamp: Int64) {
        let (quotient, remainder) = timestamp.quotientAndRemainder(dividingBy: Self.millisecondsPerDay)
        self.index = remainder < 0 ? quotient - 1 : quotient
    }

    /// Reads a partition's table name back, or nil for a table that is not one of ours.
    init?(tableName: String) {
        guard tableName.hasPrefix(Self.namePrefix) else { return nil }
        let digits = tableName.dropFirst(Self.namePrefix.count)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let number = Int64(digits) else { return nil }
        let (year, month, day) = (number / 10_000, number / 100 % 100, number % 100)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.index = Self.days(year: year, month: month, day: day)
        guard self.civil == (year, month, day) else { return nil }
    }

    /// The first millisecond of the day.
    var start: Int64 { index * Self.millisecondsPerDay }
    /// The first millisecond of the next day.
    var end: Int64 { start + Self.millisecondsPerDay }

    /// `telemetry_samples_p20260131`.
    var tableName: String {
        let (year, month, day) = civil
        return Self.namePrefix + zeroPadded(year, width: 4) + zeroPadded(month, width: 2) + zeroPadded(day, width: 2)
    }

    /// The bound as PostgreSQL reads it, unambiguous whatever the session's time zone: `2026-01-31 00:00:00+00`.
    var literal: String {
        let (year, month, day) = civil
        return "\(zeroPadded(year, width: 4))-\(zeroPadded(month, width: 2))-\(zeroPadded(day, width: 2)) 00:00:00+00"
    }

    var description: String { tableName }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }

    /// Year, month and day of the proleptic Gregorian calendar.
    private var civil: (Int64, Int64, Int64) {
        let date = CivilDate(daysSinceEpoch: index)
        return (date.year, date.month, date.day)
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
