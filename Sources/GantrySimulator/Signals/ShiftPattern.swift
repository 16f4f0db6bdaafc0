/// The workshop's two-shift day in China Standard Time (UTC+8): production from 06:00 to 22:00.
enum ShiftPattern {
    /// Hours since local midnight at `time` (epoch milliseconds), 0 to 24.
    static func localHour(_ time: Int64) -> Double {
        let day: Int64 = 86_400_000
        let local = (time + 8 * 3_600_000) % day
        return Double(local < 0 ? local + day : local) / 3_600_000
    }

    /// How busy the workshop is at `time`, 0 (night) to 1 (shift), with half-hour ramps at shift start and end.
    static func activity(_ time: Int64) -> Double {
        let hour = localHour(time)
        if hour < 5.5 || hour >= 22.5 { return 0 }
        if hour < 6 { return (hour - 5.5) * 2 }
        if hour >= 22 { return (22.5 - hour) * 2 }
        return 1
    }
}
