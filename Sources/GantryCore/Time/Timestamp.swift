import Foundation

/// A moment in UTC, held as milliseconds since the Unix epoch and written as RFC 3339 at the API.
///
/// Milliseconds match what devices and the telemetry store use, so a timestamp round-trips exactly.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The current wall-clock time.
    public static var now: Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The same moment as a Foundation date.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    /// This moment moved by `seconds`.
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + seconds * 1000)
    }

    /// RFC 3339 with milliseconds, e.g. `2026-11-29T06:53:56.123Z`.
    ///
    /// Computed from the integer milliseconds (civil-from-days, after Howard Hinnant), so the digits are
    /// exact and a history answer of 100 000 points formats quickly.
    public var rfc3339: String {
        let millisecondsPerDay: Int64 = 86_400_000
        var days = millisecondsSinceEpoch / millisecondsPerDay
        var rest = millisecondsSinceEpoch % millisecondsPerDay
        if rest < 0 {
            days -= 1
            rest += millisecondsPerDay
        }
        let civil = CivilDate(daysSinceEpoch: days)
        guard (0...9999).contains(civil.year) else {
            return Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
        }
        func digits(_ value: Int64, _ width: Int) -> String { zeroPadded(value, width: width) }
        let (year, month, day) = (civil.year, civil.month, civil.day)
        return
            "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))T\(digits(rest / 3_600_000, 2)):\(digits(rest / 60_000 % 60, 2)):\(digits(rest / 1000 % 60, 2)).\(digits(rest % 1000, 3))Z"
    }

    /// Parses an RFC 3339 timestamp, with or without fractional seconds.
    public init?(rfc3339 text: String) {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? withFraction.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text)) else {
            return nil
        }
        self.millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public var description: String { rfc3339 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}
