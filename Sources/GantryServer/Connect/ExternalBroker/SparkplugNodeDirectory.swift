import Foundation
import GantryCore
import GantryIngest
import GantrySparkplug
import GantryStorage
import Logging
import NIOCore
import Synchronization

/// Which registered device an edge node is, when nodes log in to an external broker rather than to Gantry.
///
/// On the built-in broker a node's login names its device. At an external broker Gantry sees only the topic,
/// so `spBv1.0/GROUP/TYPE/NODE` is mapped to the device whose login is `GROUP.NODE` (enterprise GROUP, name
/// NODE, as `DeviceAuthenticator` forms it), and the node writes that device's asset subtree. Answers, found
/// or not, are cached for `lifetime`, so a busy node costs no database read per message and a device
/// registered later is picked up within it. The cache is bounded; when full it starts over.
final class SparkplugNodeDirectory: Sendable {
    private struct Entry {
        var source: IngestSource?
        var expiresAt: ContinuousClock.Instant
    }

    let store: MetadataStore
    let createTags: Bool
    let lifetime: Duration
    let capacity: Int
    let logger: Logger
    private let entries = Mutex<[String: Entry]>([:])

    init(
        store: MetadataStore, createTags: Bool, logger: Logger, lifetime: Duration = .seconds(60),
        capacity: Int = 10_000
    ) {
        self.store = store
        self.createTags = createTags
        self.logger = logger
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The source a message on `topic` writes as: its edge node's device, a source that may write nothing
    /// for a host's STATE, or nil (logged once per cache lifetime) when no device is registered for the node.
    func source(for topic: String, on eventLoop: any EventLoop) -> EventLoopFuture<IngestSource?> {
        let parsed: SparkplugTopic
        do {
            parsed = try SparkplugTopic(parsing: topic)
        } catch {
            logger.info(
                "ignored a malformed Sparkplug topic", metadata: ["mqtt.topic": "\(topic)", "error": "\(error)"])
            return eventLoop.makeSucceededFuture(nil)
        }
        guard let node = parsed.edgeNode else {
            return eventLoop.makeSucceededFuture(Self.stateSource)
        }
        let username = "\(node.group).\(node.node)"
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[username] }), cached.expiresAt > now {
            return eventLoop.makeSucceededFuture(cached.source)
        }
        let store = self.store
        return eventLoop.makeFutureWithTask {
            try await store.deviceCredentials(username: username)?.0
        }.map { device in
            let source = device.map {
                IngestSource(name: $0.username, subtree: $0.assetPath, mayCreateTags: self.createTags)
            }
            if source == nil {
                self.logger.info(
                    "ignored Sparkplug messages of an edge node with no registered device",
                    metadata: ["sparkplug.node": "\(node.group)/\(node.node)", "device.username": "\(username)"])
            }
            self.remember(username, source, at: now)
            return source
        }
    }

    private func remember(_ username: String, _ source: IngestSource?, at now: ContinuousClock.Instant) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[username] = Entry(source: source, expiresAt: now + lifetime)
        }
    }

    /// A host application's STATE carries no samples: its source may write nothing.
    static let stateSource = IngestSource(name: "sparkplug-state", subtree: nil, mayCreateTags: false)
}
