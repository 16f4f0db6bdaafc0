/// How long a connector waits before its next connection attempt: capped exponential growth with full
/// jitter, so a plant full of connectors that lost the same PLC does not reconnect in lockstep.
public struct ReconnectBackoff: Hashable, Sendable {
    public let initialMilliseconds: Int64
    public let maximumMilliseconds: Int64
    /// Failed attempts since the last success.
    public private(set) var failures = 0

    public init(initialMilliseconds: Int64 = 200, maximumMilliseconds: Int64 = 30_000) {
        self.initialMilliseconds = max(1, initialMilliseconds)
        self.maximumMilliseconds = max(self.initialMilliseconds, maximumMilliseconds)
    }

    /// The ceiling of the next wait: doubling from the initial delay with every failure, never above the cap.
    public var ceilingMilliseconds: Int64 {
        let doublings = min(failures, 30)
        return min(maximumMilliseconds, initialMilliseconds << doublings)
    }

    /// Counts a failed attempt and returns how long to wait before the next: a random delay between half the
    /// ceiling and the ceiling ("equal jitter"), drawn from `generator`.
    public mutating func failed(using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceilingMilliseconds
        failures += 1
        let wait = ceiling / 2 + Int64.random(in: 0...(ceiling - ceiling / 2), using: &generator)
        return .milliseconds(wait)
    }

    /// A connection succeeded: the next failure starts from the initial delay again.
    public mutating func succeeded() {
        failures = 0
    }
}
