import GantryCore
import Synchronization

/// The one fan-out of what happens in the plant: ingest publishes each stored batch here once, and every
/// consumer takes its share: live screens through subscriptions, the alarm service through an observer.
///
/// Publishing never waits for a consumer. An observer runs inline and must be quick (alarm evaluation is);
/// a subscription queues what its filter admits, merging by tag once it falls behind (``LiveSubscription``).
public final class LiveBus: Sendable {
    public typealias Observer = @Sendable ([LiveEvent]) -> Void

    private struct Consumers: Sendable {
        var subscriptions: [ObjectIdentifier: LiveSubscription] = [:]
        var observers: [Observer] = []
    }

    private let consumers = Mutex(Consumers())
    /// The default bound of a subscription's queue before it starts merging.
    public let subscriptionCapacity: Int

    public init(subscriptionCapacity: Int = 4096) {
        self.subscriptionCapacity = subscriptionCapacity
    }

    /// A new subscription; cancel it (or cancel the task waiting in `next()`) to stop.
    public func subscribe(_ filter: LiveFilter, capacity: Int? = nil) -> LiveSubscription {
        let subscription = LiveSubscription(filter: filter, capacity: capacity ?? subscriptionCapacity) {
            [weak self] ended in
            self?.consumers.withLock { _ = $0.subscriptions.removeValue(forKey: ObjectIdentifier(ended)) }
        }
        consumers.withLock { $0.subscriptions[ObjectIdentifier(subscription)] = subscription }
        return subscription
    }

    /// Adds a consumer that sees every event, in order, inline with `publish`; for the platform's own
    /// services, which must not miss a value (an excursion between two coalesced values would be lost).
    public func observe(_ observer: @escaping Observer) {
        consumers.withLock { $0.observers.append(observer) }
    }

    /// Hands `events` to every observer and subscription.
    public func publish(_ events: [LiveEvent]) {
        guard !events.isEmpty else { return }
        let (observers, subscriptions) = consumers.withLock { ($0.observers, Array($0.subscriptions.values)) }
        for observer in observers { observer(events) }
        for subscription in subscriptions { subscription.offer(events) }
    }

    /// Subscriptions open now.
    public var subscriptionCount: Int { consumers.withLock { $0.subscriptions.count } }
}
