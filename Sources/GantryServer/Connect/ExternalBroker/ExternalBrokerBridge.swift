import Foundation
import GantryIngest
import GantryMQTT
import GantryStorage
import Logging
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// External broker mode: instead of listening, this node subscribes to someone else's MQTT broker and
/// carries what it receives into ingest, sharing the load with the other nodes of its group.
///
/// Unified-namespace topics come through the MQTT 5 shared subscription `$share/GROUP/#`, so each message
/// reaches one node; Sparkplug B comes through a plain subscription on the one node that holds the host
/// role, since a node's messages must arrive in order on one host. The session is persistent (clean start
/// off, an hour's expiry) and each PUBACK waits until the message's samples are durable, so messages
/// published while Gantry is down, or received but not yet stored when it crashed, are delivered again.
/// A lost broker is retried with capped exponential backoff, logged once per outage. With `mqtts://` the
/// connection is TLS with full verification, and a client certificate when the broker asks for one.
public final class ExternalBrokerBridge: Service, Sendable {
    /// Subscription identifiers: they tell which subscription delivered a message, since `#` of the shared
    /// subscription also matches Sparkplug topics, which only the plain one may carry into the host.
    static let sharedSubscription: UInt32 = 1
    static let sparkplugSubscription: UInt32 = 2
    /// Seconds the broker keeps the session, with its queued QoS 1 messages, while the node is away.
    static let sessionExpiry: UInt32 = 3600
    /// Messages the broker may have in flight to this node unacknowledged: the backpressure a slow store
    /// puts on the broker, instead of memory growing here.
    static let receiveMaximum: UInt16 = 256

    let address: ExternalBrokerAddress
    /// TLS towards the broker (`mqtts://`), loaded when the bridge was made; nil for plain TCP.
    let tls: TLSConfiguration?
    let group: String
    let clientID: String
    let hostsSparkplug: Bool
    let ingest: Ingest
    let sparkplug: SparkplugIngest
    let nodes: SparkplugNodeDirectory
    /// Who unified-namespace samples are written as: the platform (no subtree), since devices log in to the
    /// external broker, whose ACL is the trust boundary.
    let source: IngestSource
    let backoff: ReconnectBackoff
    let logger: Logger
    /// The connection now open, for the Sparkplug host's own publishes; nil between connections.
    let connection = Mutex<MQTTClient?>(nil)
    private let delivered = Atomic<Int>(0)
    private let established = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    /// Connected, subscribed and (as host) announced online.
    let ready = Atomic<Bool>(false)

    init(
        address: ExternalBrokerAddress, tls: TLSConfiguration? = nil, group: String, clientID: String,
        hostsSparkplug: Bool, ingest: Ingest,
        sparkplug: SparkplugIngest, nodes: SparkplugNodeDirectory, createTags: Bool, logger: Logger,
        backoff: ReconnectBackoff = ReconnectBackoff()
    ) {
        self.address = address
        self.tls = tls
        self.group = group
        self.clientID = clientID
        self.hostsSparkplug = hostsSparkplug
        self.ingest = ingest
        self.sparkplug = sparkplug
        self.nodes = nodes
        self.source = IngestSource(name: "mqtt-bridge", subtree: nil, mayCreateTags: createTags)
        self.backoff = backoff
        var logger = logger
        logger[metadataKey: "mqtt.broker"] = "\(address)"
        logger[metadataKey: "mqtt.client_id"] = "\(clientID)"
        self.logger = logger
    }

    /// Messages this node has taken from the broker and handed on (to ingest or the Sparkplug host), since start.
    public var deliveredMessages: Int { delivered.load(ordering: .relaxed) }

    /// Connections made (connected and subscribed) since start: 1 after the first, more after reconnects.
    public var connections: Int { established.load(ordering: .relaxed) }

    /// Attempts to connect (and subscribe) that failed since start: an unreachable broker, a refused login, or a
    /// TLS handshake that failed (a certificate not signed by the configured CA, or for another host).
    public var failedConnections: Int { failed.load(ordering: .relaxed) }

    /// Whether a connection is open, subscribed and (as the Sparkplug host) announced online now.
    public var isConnected: Bool { ready.load(ordering: .acquiring) }

    func countDelivered() {
        delivered.add(1, ordering: .relaxed)
        Counter(label: "gantry_mqtt_bridge_messages_total").increment()
    }

    /// Connects, keeps connected, and at graceful shutdown (or cancellation) goes offline and disconnects;
    /// returns when stopped. Never throws: an unreachable broker is retried, not fatal.
    public func run() async {
        logger.info(
            "subscribing at an external MQTT broker",
            metadata: ["mqtt.share_group": "\(group)", "sparkplug.host": "\(hostsSparkplug)"])
        var backoff = self.backoff
        var outage = false
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let client: MQTTClient
            do {
                client = try await connect()
            } catch {
                failed.add(1, ordering: .relaxed)
                if !outage {
                    outage = true
                    logger.warning(
                        "the external MQTT broker is unreachable; retrying with backoff",
                        metadata: ["error": "\(error)"])
                } else {
                    logger.debug("external MQTT broker still unreachable", metadata: ["error": "\(error)"])
                }
                let delay = backoff.failed()
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                } catch {
                    break
                }
                continue
            }
            logger.info(
                outage ? "reconnected to the external MQTT broker" : "connected to the external MQTT broker",
                metadata: ["mqtt.attempts": "\(backoff.failures + 1)"])
            backoff.succeeded()
            outage = false
            established.add(1, ordering: .relaxed)
            if await serve(client) { break }
            outage = true
            logger.warning("lost the connection to the external MQTT broker; reconnecting")
        }
        logger.info("stopped subscribing at the external MQTT broker")
    }

    private enum Wake: Sendable { case closed, stop }

    /// Waits until the connection closes (false) or the node stops (true: offline STATE sent, disconnected).
    private func serve(_ client: MQTTClient) async -> Bool {
        let wake = await withTaskGroup(of: Wake.self) { tasks in
            tasks.addTask {
                try? await client.closeFuture.get()
                return .closed
            }
            tasks.addTask {
                // Thrown on cancellation, which stops the node as well.
                try? await gracefulShutdown()
                return .stop
            }
            let first = await tasks.next() ?? .stop
            if first == .stop { await goOffline(client) }
            tasks.cancelAll()
            return first
        }
        ready.store(false, ordering: .releasing)
        connection.withLock { if $0 === client { $0 = nil } }
        return wake == .stop
    }
}
