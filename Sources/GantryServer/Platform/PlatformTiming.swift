import GantryCore

/// Where the platform's timed services get time: a clock to wait on (alarm delays, webhook retries) and
/// the wall time stamped on what they record.
///
/// Production uses the system's; tests pass a manual clock and a wall time derived from it, so delays and
/// shelve expiries are tested by moving time rather than by waiting for it.
public struct PlatformTiming: Sendable {
    /// What the services sleep on.
    public var clock: any Clock<Duration>
    /// Now, in milliseconds since the Unix epoch.
    public var now: @Sendable () -> Int64

    public init(clock: any Clock<Duration>, now: @escaping @Sendable () -> Int64) {
        self.clock = clock
        self.now = now
    }

    /// The system's continuous clock and wall time.
    public static let system = PlatformTiming(clock: ContinuousClock()) {
        Timestamp.now.millisecondsSinceEpoch
    }
}
