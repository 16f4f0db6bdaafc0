import Synchronization

/// One subscriber's end of the live stream: events wait here until the subscriber takes them.
///
/// The wait is bounded. While fewer than `capacity` events wait, every event is kept in order. Beyond that the
/// subscriber is slow, and what waits is merged by what it is about: the latest value of each tag, the latest
/// status of each device, the latest state of each alarm. So a slow screen shows current values a little late
/// instead of old values ever later, and memory stays bounded by the number of things it watches, not by time.
public final class LiveSubscription: Sendable {
    struct State: Sendable {
        var filter: LiveFilter
        var pending: [LiveEvent] = []
        /// Where each coalescing key's event sits in `pending`, once the subscriber is behind.
        var positions: [LiveCoalescingKey: Int] = [:]
        var coalescing = false
        /// Events replaced by a newer one of the same key since the subscriber last took its events.
        var merged = 0
        var waiter: CheckedContinuation<LiveBatch?, Never>?
        var closed = false
    }

    let capacity: Int
    private let state: Mutex<State>
    private let onCancel: @Sendable (LiveSubscription) -> Void

    init(filter: LiveFilter, capacity: Int, onCancel: @escaping @Sendable (LiveSubscription) -> Void) {
        self.capacity = max(1, capacity)
        self.state = Mutex(State(filter: filter))
        self.onCancel = onCancel
    }

    /// Replaces what the subscriber asked for; events already waiting stay.
    public func update(_ filter: LiveFilter) {
        state.withLock { $0.filter = filter }
    }

    /// The events waiting, oldest first, as soon as there is one; nil once the subscription is cancelled.
    public func next() async -> LiveBatch? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: LiveBatch?? = state.withLock { state in
                    if !state.pending.isEmpty { return .some(Self.take(&state)) }
                    if state.closed || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Ends the subscription: the bus forgets it and a waiting `next()` returns nil.
    public func cancel() {
        let waiter = state.withLock { state -> CheckedContinuation<LiveBatch?, Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
        onCancel(self)
    }

    /// Adds what the filter admits of `events`; called by the bus for every published batch.
    func offer(_ events: [LiveEvent]) {
        let wake = state.withLock { state -> (CheckedContinuation<LiveBatch?, Never>, LiveBatch)? in
            guard !state.closed else { return nil }
            let before = state.pending.count
            for event in events where state.filter.admits(event) { Self.add(event, to: &state, capacity: capacity) }
            guard state.pending.count > before || state.merged > 0, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return (waiter, Self.take(&state))
        }
        if let (waiter, batch) = wake { waiter.resume(returning: batch) }
    }

    private static func add(_ event: LiveEvent, to state: inout State, capacity: Int) {
        if !state.coalescing, state.pending.count >= capacity {
            // Behind: from now on one event per key. Index what waits, keeping the latest of each key.
            state.coalescing = true
            var kept: [LiveEvent] = []
            for waiting in state.pending {
                let key = waiting.coalescingKey
                if let position = state.positions[key] {
                    kept[position] = waiting
                    state.merged += 1
                } else {
                    state.positions[key] = kept.count
                    kept.append(waiting)
                }
            }
            state.pending = kept
        }
        guard state.coalescing else {
            state.pending.append(event)
            return
        }
        let key = event.coalescingKey
        if let position = state.positions[key] {
            state.pending[position] = event
            state.merged += 1
        } else {
            state.positions[key] = state.pending.count
            state.pending.append(event)
        }
    }

    private static func take(_ state: inout State) -> LiveBatch {
        let batch = LiveBatch(events: state.pending, merged: state.merged)
        state.pending = []
        state.pending.reserveCapacity(min(batch.events.count, 1024))
        state.positions = [:]
        state.coalescing = false
        state.merged = 0
        return batch
    }
}

/// What a subscriber takes at once: the events, and how many older ones were merged into them because the
/// subscriber fell behind (0 when it kept up).
public struct LiveBatch: Sendable {
    public var events: [LiveEvent]
    public var merged: Int
}
