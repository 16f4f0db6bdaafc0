/// How long to wait before the next attempt to reach a broker that went away: doubling from `initial`
/// up to `maximum`, so a broker that restarts is found again quickly and one that stays down is not
/// hammered by every node at once. A value type without a clock; the bridge sleeps.
struct ReconnectBackoff: Sendable {
    let initial: Duration
    let maximum: Duration
    /// Attempts that failed since the last success; 0 while connected.
    private(set) var failures = 0

    init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// Records a failed attempt and returns the delay before the next one: `initial × 2^(failures-1)`, capped,
    /// less up to a quarter at random (`jitter` in 0…1) so nodes that lost the broker together spread out.
    mutating func failed(jitter: Double = Double.random(in: 0..<1)) -> Duration {
        failures += 1
        var delay = initial
        for _ in 1..<min(failures, 32) where delay < maximum { delay *= 2 }
        delay = min(delay, maximum)
        return delay - delay * (0.25 * min(max(jitter, 0), 1))
    }

    /// A connection succeeded: the next outage starts from `initial` again.
    mutating func succeeded() {
        failures = 0
    }
}
