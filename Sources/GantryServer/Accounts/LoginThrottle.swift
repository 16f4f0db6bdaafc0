import GantryCore

/// Counts failed sign-ins per user name and per client address and locks out guessing.
///
/// After `maxFailures` failures for one name (or four times that from one address) within the
/// window, further attempts are refused until the oldest failure leaves the window. Memory is
/// bounded: at most `capacity` keys are tracked, the stalest dropped first.
public actor LoginThrottle {
    private let maxFailures: Int
    private let windowMilliseconds: Int64
    private let capacity: Int
    private let now: @Sendable () -> Timestamp
    private var failures: [String: [Int64]] = [:]

    public init(
        maxFailures: Int, windowSeconds: Int, capacity: Int = 10_000,
        now: @escaping @Sendable () -> Timestamp = { .now }
    ) {
        self.maxFailures = maxFailures
        self.windowMilliseconds = Int64(windowSeconds) * 1000
        self.capacity = capacity
        self.now = now
    }

    /// Seconds until `username` from `address` may try again, or `nil` when they may try now.
    public func retryAfter(username: String, address: String?) -> Int? {
        let current = now().millisecondsSinceEpoch
        var waits: [Int64] = []
        for (key, limit) in keys(username: username, address: address) {
            let recent = prune(key, at: current)
            if recent.count >= limit, let oldest = recent.first {
                waits.append(oldest + windowMilliseconds - current)
            }
        }
        guard let wait = waits.max() else { return nil }
        return Int((wait + 999) / 1000)
    }

    /// Records a failed attempt.
    public func recordFailure(username: String, address: String?) {
        let current = now().millisecondsSinceEpoch
        for (key, _) in keys(username: username, address: address) {
            var recent = prune(key, at: current)
            recent.append(current)
            failures[key] = recent
        }
        if failures.count > capacity {
            let stalest = failures.min { ($0.value.last ?? 0) < ($1.value.last ?? 0) }
            if let stalest { failures[stalest.key] = nil }
        }
    }

    /// Clears the user name's failures after a successful sign-in (the address keeps its count).
    public func recordSuccess(username: String) {
        failures["user:\(username)"] = nil
    }

    private func keys(username: String, address: String?) -> [(String, Int)] {
        var result = [("user:\(username)", maxFailures)]
        if let address { result.append(("addr:\(address)", maxFailures * 4)) }
        return result
    }

    private func prune(_ key: String, at current: Int64) -> [Int64] {
        let recent = (failures[key] ?? []).filter { current - $0 < windowMilliseconds }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
