import Synchronization

/// At most a few protocol peers alive at once in a test run: each is a Python process whose start alone costs a
/// second of CPU, and a dozen starting together on two cores would starve the timing-sensitive tests running
/// beside them (keep-alives, simulated machines). Tests wait for a slot instead; none holds two.
final class PeerSlots: Sendable {
    static let shared = PeerSlots(limit: 2)

    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(limit: Int) {
        state = Mutex(State(free: limit))
    }

    /// Waits for a slot.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state -> Bool in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives the slot back, to the longest waiter if any.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
