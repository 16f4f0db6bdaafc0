import Foundation
import GantryCore
import GantryIngest
import GantryMQTT
import GantrySparkplug
import GantryStorage
import Logging
import NIOCore
import Synchronization

/// Gantry as a Sparkplug B primary host application: births define tags, data becomes samples,
/// deaths mark the node's values stale, and gaps or unknown aliases ask the node to rebirth.
///
/// It sees Sparkplug traffic through the built-in broker's publish hook or the external broker
/// bridge (a node's NDEATH arrives as its will either way), and speaks through a `SparkplugOutlet`.
final class SparkplugIngest: Sendable {
    let ingest: Ingest
    let store: any TelemetryStore
    let logger: Logger
    private let host: Mutex<SparkplugHostStateMachine>
    /// Where rebirth requests and STATE go: the built-in broker, or the external broker's connection.
    private let outlet = Mutex<(any SparkplugOutlet)?>(nil)

    init(hostID: String, ingest: Ingest, store: any TelemetryStore, logger: Logger) {
        self.ingest = ingest
        self.store = store
        self.logger = logger
        self.host = Mutex(SparkplugHostStateMachine(configuration: SparkplugHostConfiguration(hostID: hostID)))
    }

    /// Connects the host to its broker and announces it online with a retained STATE stamped
    /// `timestamp` (for an external broker: the one its connection's will carries).
    func attach(to broker: any SparkplugOutlet, at timestamp: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) {
        outlet.withLock { $0 = broker }
        publish(host.withLock { $0.hostOnline(at: timestamp) })
    }

    /// Announces the host offline (retained STATE) and lets go of the outlet, before the platform
    /// stops or the external broker's connection is closed; nothing happens when not attached.
    func detach() {
        guard outlet.withLock({ $0 }) != nil else { return }
        publish(host.withLock { $0.hostOffline() })
        outlet.withLock { $0 = nil }
    }

    /// The offline STATE for a host connection made at `timestamp`: the will of that connection
    /// (Sparkplug 3.0: retained, QoS 1, the same timestamp as the online STATE that follows).
    func will(at timestamp: Int64) -> SparkplugOutgoingMessage {
        host.withLock { $0.stateMessage(online: false, timestamp: timestamp) }
    }

    /// The filters a host subscribes to: births, data and deaths of every node and device, and its own STATE.
    var subscriptions: [String] { host.withLock { $0.subscriptions } }

    /// Takes one Sparkplug message from `source`'s login; the future completes when its samples are durable.
    func received(
        _ message: ApplicationMessage, source: IngestSource, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>?
    {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let actions = host.withLock { host in
            host.receive(topic: message.topic, payload: Array(message.payload.readableBytesView), receivedAt: now)
        }
        var samples: [IngestSample] = []
        var stale: [TagPath] = []
        var staleAt = now
        var staleQuality = SparkplugHostStateMachine.staleQuality
        for action in actions {
            switch action {
            case .record(_, let device, let recorded):
                for sample in recorded {
                    guard
                        let tag = SparkplugTagNaming.tag(
                            asset: source.subtree ?? .root, device: device, metric: sample.metric),
                        let point = sample.telemetryPoint
                    else { continue }
                    samples.append(IngestSample(tag: tag, point: point))
                }
            case .markStale(_, let device, let metrics, let timestamp, let quality):
                stale += metrics.compactMap {
                    SparkplugTagNaming.tag(asset: source.subtree ?? .root, device: device, metric: $0)
                }
                staleAt = timestamp
                staleQuality = quality
            case .publish(let outgoing):
                publish(outgoing)
            case .note(let note):
                logger.info("sparkplug", metadata: ["sparkplug.note": "\(note)", "mqtt.topic": "\(message.topic)"])
            case .defineTags(let node, let device, let metrics):
                logger.debug(
                    "sparkplug birth",
                    metadata: [
                        "sparkplug.node": "\(node)", "sparkplug.device": "\(device ?? "-")",
                        "metrics": "\(metrics.count)",
                    ])
            }
        }
        var waits: [EventLoopFuture<Void>] = []
        if !samples.isEmpty { waits.append(submit(samples, source: source, on: eventLoop)) }
        if !stale.isEmpty {
            waits.append(markStale(stale, at: staleAt, quality: staleQuality, source: source, on: eventLoop))
        }
        guard !waits.isEmpty else { return nil }
        return EventLoopFuture.andAllSucceed(waits, on: eventLoop)
    }

    private func submit(
        _ samples: [IngestSample], source: IngestSource, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>
    {
        let promise = eventLoop.makePromise(of: Void.self)
        ingest.submit(samples, from: source) { result in
            switch result {
            case .success: promise.succeed()
            case .failure(let rejection): promise.fail(MQTTIngestHook.rejection(rejection))
            }
        }
        return promise.futureResult
    }

    /// Stores each tag's last value again at `timestamp` with bad quality: from then on the value is stale.
    private func markStale(
        _ tags: [TagPath], at timestamp: Int64, quality: Quality, source: IngestSource, on eventLoop: any EventLoop
    ) -> EventLoopFuture<Void> {
        let store = self.store
        return eventLoop.makeFutureWithTask {
            try await store.latest(tags)
        }.flatMap { latest in
            let samples = latest.compactMap { series -> IngestSample? in
                guard let last = series.points.last, last.timestamp <= timestamp else { return nil }
                return IngestSample(
                    tag: series.tag, point: TelemetryPoint(timestamp: timestamp, value: last.value, quality: quality))
            }
            guard !samples.isEmpty else { return eventLoop.makeSucceededVoidFuture() }
            return self.submit(samples, source: source, on: eventLoop)
        }
    }

    private func publish(_ outgoing: SparkplugOutgoingMessage) {
        outlet.withLock { $0 }?.publish(outgoing)
    }
}
