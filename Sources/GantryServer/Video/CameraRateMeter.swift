/// Frames per second over the last few seconds, from the receive times of a camera's recent frames, in a
/// fixed ring so a fast camera costs no more memory than a slow one.
struct CameraRateMeter: Sendable {
    /// How far back the rate looks, in milliseconds.
    static let window: Int64 = 5000
    /// Receive times kept: enough for 50 frames/s over the window.
    static let capacity = 256

    private var times: [Int64] = []
    private var next = 0

    mutating func record(_ time: Int64) {
        if times.count < Self.capacity {
            times.append(time)
        } else {
            times[next] = time
        }
        next = (next + 1) % Self.capacity
    }

    /// Frames per second received within the window before `now`: the intervals between its frames over the
    /// time from the first of them to now (so a camera that stops shows a falling rate), or 0 with fewer than
    /// two.
    func rate(at now: Int64) -> Double {
        let recent = times.filter { $0 > now - Self.window && $0 <= now }
        guard recent.count >= 2, let first = recent.min(), now > first else { return 0 }
        return Double(recent.count - 1) * 1000 / Double(now - first)
    }
}
