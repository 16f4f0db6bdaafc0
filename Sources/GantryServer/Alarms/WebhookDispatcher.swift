import Foundation
import GantryStorage
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Delivers alarm notifications to webhooks: each POST is retried with doubling waits, and one that fails
/// every attempt becomes a dead letter in the store, where an engineer can see what was missed and why.
///
/// The queue is bounded: a notification that finds it full is dropped, counted on
/// `gantry_webhook_dropped_total` and logged, rather than growing memory while a receiver is down. Waits
/// come from `clock`, so tests move time by hand.
public final class WebhookDispatcher: Service, Sendable {
    /// One notification for one webhook.
    public struct Delivery: Sendable {
        public var webhookID: String
        public var url: URL
        public var body: Data

        public init(webhookID: String, url: URL, body: Data) {
            self.webhookID = webhookID
            self.url = url
            self.body = body
        }
    }

    let store: MetadataStore
    let transport: any WebhookTransport
    let clock: any Clock<Duration>
    let logger: Logger
    /// Attempts in all, the first included.
    public let maximumAttempts: Int
    /// The wait after the first failure; it doubles after each further one.
    public let firstRetryDelay: Duration
    public let capacity: Int
    private let queue: AsyncStream<Delivery>
    private let enqueue: AsyncStream<Delivery>.Continuation
    private let waiting = Atomic<Int>(0)

    public init(
        store: MetadataStore, transport: any WebhookTransport = URLSessionWebhookTransport(),
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger, maximumAttempts: Int = 5, firstRetryDelay: Duration = .seconds(2), capacity: Int = 10_000
    ) {
        self.store = store
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.maximumAttempts = max(1, maximumAttempts)
        self.firstRetryDelay = firstRetryDelay
        self.capacity = capacity
        (queue, enqueue) = AsyncStream.makeStream(of: Delivery.self)
    }

    /// Queues a delivery; never waits.
    public func send(_ delivery: Delivery) {
        guard waiting.add(1, ordering: .relaxed).newValue <= capacity else {
            waiting.subtract(1, ordering: .relaxed)
            Counter(label: "gantry_webhook_dropped_total").increment()
            logger.warning(
                "the webhook queue is full; a notification was dropped",
                metadata: ["webhook.id": "\(delivery.webhookID)", "webhook.queue": "\(capacity)"])
            return
        }
        enqueue.yield(delivery)
    }

    /// Delivers until shutdown; deliveries of different webhooks run side by side, so one receiver that is
    /// down delays only its own notifications.
    public func run() async throws {
        await withDiscardingTaskGroup { tasks in
            for await delivery in queue.cancelOnGracefulShutdown() {
                tasks.addTask { [self] in
                    await deliver(delivery)
                    waiting.subtract(1, ordering: .relaxed)
                }
            }
        }
    }

    private func deliver(_ delivery: Delivery) async {
        var delay = firstRetryDelay
        var lastError = ""
        for attempt in 1...maximumAttempts {
            do {
                let status = try await transport.post(delivery.body, to: delivery.url)
                if (200..<300).contains(status) {
                    Counter(label: "gantry_webhook_deliveries_total").increment()
                    return
                }
                lastError = "HTTP \(status)"
            } catch {
                lastError = "\(error)"
            }
            guard attempt < maximumAttempts else { break }
            logger.debug(
                "webhook delivery failed; retrying",
                metadata: ["webhook.id": "\(delivery.webhookID)", "attempt": "\(attempt)", "error": "\(lastError)"])
            do {
                try await clock.sleep(for: delay)
            } catch {
                lastError += "; stopped before retrying"
                break
            }
            delay *= 2
        }
        Counter(label: "gantry_webhook_dead_letters_total").increment()
        await deadLetter(delivery, error: lastError, attempts: maximumAttempts)
    }

    private func deadLetter(_ delivery: Delivery, error: String, attempts: Int) async {
        logger.warning(
            "a webhook notification could not be delivered; kept as a dead letter",
            metadata: ["webhook.id": "\(delivery.webhookID)", "error": "\(error)", "attempts": "\(attempts)"])
        do {
            try await store.addDeadLetter(
                StoredDeadLetter(
                    id: UUID().uuidString, webhookID: delivery.webhookID,
                    payload: String(decoding: delivery.body, as: UTF8.self), error: error, attempts: attempts,
                    failedAt: Int64(Date().timeIntervalSince1970 * 1000)))
        } catch {
            logger.error("storing a dead letter failed", metadata: ["error": "\(error)"])
        }
    }
}
