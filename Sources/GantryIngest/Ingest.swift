import Foundation
import GantryCore
import GantryStorage
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// The one road in: every transport hands its samples here; they are checked, stored durably
/// in batches, and each message's completion runs once its samples are on disk. What was stored is
/// then published once on the ``LiveBus``.
///
/// Messages from all connections collect while the previous batch is being written, so the
/// store sees few large appends (group commit) however many publishers there are. The waiting
/// queue is bounded: beyond `maximumPendingSamples`, new messages are refused as overloaded.
public final class Ingest: Service, Sendable {
    /// Called once per submitted message: success when stored, or why nothing of it was.
    public typealias Completion = @Sendable (Result<Void, IngestRejection>) -> Void

    struct Submission: Sendable {
        var samples: [IngestSample]
        var source: IngestSource
        var completion: Completion
    }

    struct Queue: Sendable {
        var submissions: [Submission] = []
        var sampleCount = 0
        var stopped = false
    }

    let store: any TelemetryStore
    /// Where stored samples are fanned out: live screens, alarms.
    public let live: LiveBus
    let catalogue: TagCatalogue
    let logger: Logger
    public let maximumPendingSamples: Int
    /// How far ahead of the server clock a timestamp may lie, in milliseconds.
    let futureBound: Int64
    private let queue = Mutex(Queue())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init(
        store: any TelemetryStore, metadata: MetadataStore, logger: Logger, futureBound: Int64 = 300_000,
        maximumPendingSamples: Int = 200_000, live: LiveBus = LiveBus()
    ) {
        self.store = store
        self.live = live
        self.catalogue = TagCatalogue(metadata: metadata, logger: logger)
        self.logger = logger
        self.futureBound = futureBound
        self.maximumPendingSamples = maximumPendingSamples
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Hands one message's samples to ingest; `completion` runs when they are durable or refused.
    /// Returns at once; never blocks the caller's event loop.
    public func submit(_ samples: [IngestSample], from source: IngestSource, completion: @escaping Completion) {
        let accepted = queue.withLock { queue -> Bool? in
            guard !queue.stopped else { return nil }
            guard queue.sampleCount + samples.count <= maximumPendingSamples else { return false }
            queue.submissions.append(Submission(samples: samples, source: source, completion: completion))
            queue.sampleCount += samples.count
            return true
        }
        guard let accepted else {
            count(rejected: samples.count, .storeFailed)
            completion(.failure(IngestRejection(.storeFailed, "ingest has stopped")))
            return
        }
        guard accepted else {
            count(rejected: samples.count, .overloaded)
            completion(.failure(IngestRejection(.overloaded, "ingest has \(maximumPendingSamples) samples waiting")))
            return
        }
        wake.yield()
    }

    /// Writes batches until shutdown, then writes what is still waiting and stops.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in wakeups {
                await drain()
                if queue.withLock({ $0.stopped }) { break }
            }
        } onGracefulShutdown: { [self] in
            queue.withLock { $0.stopped = true }
            wake.finish()
        }
        // Stopped by graceful shutdown or by cancellation: take nothing more, and finish what waits, so every
        // message accepted gets its completion (an MQTT PUBACK waits on it).
        queue.withLock { $0.stopped = true }
        await drain()
    }

    deinit {
        // Accepted but never written (ingest was never run, or stopped mid-batch): refuse them now, so no
        // publisher waits forever for an answer.
        let waiting = queue.withLock { queue in
            defer { queue.submissions = [] }
            return queue.submissions
        }
        for submission in waiting {
            submission.completion(.failure(IngestRejection(.storeFailed, "ingest stopped before storing this")))
        }
    }

    /// Writes everything waiting, one batch at a time.
    private func drain() async {
        while true {
            let batch = queue.withLock { queue in
                defer {
                    queue.submissions.removeAll(keepingCapacity: true)
                    queue.sampleCount = 0
                }
                return queue.submissions
            }
            guard !batch.isEmpty else { return }
            await write(batch)
        }
    }

    func count(rejected samples: Int, _ reason: IngestRejection.Reason) {
        Counter(label: "gantry_ingest_rejected_samples_total", dimensions: [("reason", reason.description)])
            .increment(by: samples)
    }
}
