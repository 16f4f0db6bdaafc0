import Logging
import NIOCore
import Synchronization

/// The message broker shared by all listeners: sessions, subscriptions, retained messages, wills.
///
/// Routing runs on the publisher's event loop: one lock around the subscription tree finds the
/// sessions, then each session takes the message under its own lock (see `Session`). The lock
/// order is always broker, then session, never the other way round.
public final class MQTTBroker: Sendable {
    public let configuration: MQTTBrokerConfiguration
    public let statistics = BrokerStatistics()
    let authenticator: any MQTTAuthenticator
    let publishHook: (any MQTTPublishHook)?
    let logger: Logger
    /// Runs will-delay and session-expiry timers.
    let timerLoop: any EventLoop
    let registry: Mutex<Registry>
    /// The separate broker sandboxed logins use, when anonymous access is on.
    public let sandbox: MQTTBroker?
    private let clockOrigin = NIODeadline.now().uptimeNanoseconds
    /// Changes to retained messages and sessions since the state was last saved.
    let changes = Atomic<Int>(0)

    struct Registry: Sendable {
        var sessions: [String: Session] = [:]
        var subscriptions = SubscriptionTree<Session>()
        var sharePicker = SharedSubscriptionPicker<Session>()
        var retained = RetainedMessages<ApplicationMessage>()
        /// Wills waiting for their delay, by client identifier.
        var pendingWills: [String: PendingWill] = [:]
        /// Sessions waiting to expire, by client identifier, with when (broker clock, ms).
        var expiries: [String: (task: Scheduled<Void>, deadline: UInt64)] = [:]
    }

    /// A will whose delay runs: the timer, and the will itself for a session that ends first.
    struct PendingWill: Sendable {
        let task: Scheduled<Void>
        let will: ConnectPacket.Will
        /// Whose will it is, for the publish hook.
        let client: MQTTClientIdentity
    }

    public init(
        configuration: MQTTBrokerConfiguration = MQTTBrokerConfiguration(),
        authenticator: any MQTTAuthenticator = OpenAuthenticator(),
        publishHook: (any MQTTPublishHook)? = nil,
        sandbox: MQTTBroker? = nil,
        timerLoop: any EventLoop,
        logger: Logger
    ) {
        self.sandbox = sandbox
        self.configuration = configuration
        self.authenticator = authenticator
        self.publishHook = publishHook
        self.timerLoop = timerLoop
        self.logger = logger
        self.registry = Mutex(Registry())
    }

    /// Milliseconds on the broker's monotonic clock, for message expiry.
    var now: UInt64 { (NIODeadline.now().uptimeNanoseconds &- clockOrigin) / 1_000_000 }

    /// How many sessions exist, connected or not.
    public var sessionCount: Int { registry.withLock { $0.sessions.count } }

    /// Whether retained messages or sessions changed since the state was last saved.
    public var hasUnsavedChanges: Bool { changes.load(ordering: .relaxed) > 0 }

    /// How many retained messages are kept.
    public var retainedCount: Int { registry.withLock { $0.retained.count } }

    /// Publishes a message from the platform itself (statistics, Sparkplug STATE, commands).
    public func publish(_ message: ApplicationMessage) {
        route(message, publisher: nil)
    }

    /// Stores or clears the retained message, then hands the message to every matching session.
    /// - Parameter topic: the message's topic, when the caller has checked it already.
    func route(_ message: ApplicationMessage, topic checked: TopicName? = nil, publisher: Session?) {
        guard let topic = checked ?? (try? TopicName(message.topic)) else { return }
        let now = self.now
        if message.retain ? !topic.startsWithDollar : message.qos != .atMostOnce {
            changes.wrappingAdd(1, ordering: .relaxed)
        }
        var targets: [(Session, Delivery)] = []
        registry.withLock { registry in
            if message.retain {
                if message.payload.readableBytes == 0 {
                    _ = registry.retained.remove(topic)  // an empty retained message clears the topic [MQTT-3.3.1-6]
                } else if registry.retained.count < configuration.retainedMessageLimit
                    || registry.retained[topic] != nil
                {
                    var kept = message
                    kept.publisher = nil
                    _ = registry.retained.store(kept, for: topic, byteCount: message.payload.readableBytes)
                }
            }
            let match = registry.subscriptions.match(topic, publisher: publisher)
            targets.reserveCapacity(match.deliveries.count + match.shares.count)
            for delivery in match.deliveries {
                targets.append(
                    (
                        delivery.subscriber,
                        Delivery(
                            qos: min(message.qos, delivery.qos),
                            retain: delivery.retainAsPublished && message.retain,
                            subscriptionIdentifiers: delivery.subscriptionIdentifiers)
                    ))
            }
            for share in match.shares {
                let member =
                    registry.sharePicker.pick(from: share) { $0.state.withLock { $0.machine.isOnline } }
                    ?? registry.sharePicker.pick(from: share)
                guard let member else { continue }
                targets.append(
                    (
                        member.subscriber,
                        Delivery(
                            qos: min(message.qos, member.options.qos),
                            retain: member.options.retainAsPublished && message.retain,
                            subscriptionIdentifiers: member.identifier.map { [$0] } ?? [])
                    ))
            }
        }
        for (session, delivery) in targets {
            session.deliver(message, delivery, now: now)
        }
    }

    /// Publishes a will now: a message from the broker on behalf of a client that went away.
    /// The publish hook sees it as the client's own message (a Sparkplug NDEATH is a will).
    func publishWill(_ will: ConnectPacket.Will, client: MQTTClientIdentity) {
        let message = ApplicationMessage(
            PublishPacket(
                topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain,
                properties: will.properties),
            topic: will.topic, publisher: client.clientID, now: now)
        logger.info(
            "publishing will", metadata: ["mqtt.client_id": "\(client.clientID)", "mqtt.topic": "\(will.topic)"])
        _ = publishHook?.received(message, from: client, on: timerLoop)
        route(message, publisher: nil)
    }
}

/// Sees every PUBLISH a client sends, before routing: the platform's ingest plugs in here.
public protocol MQTTPublishHook: Sendable {
    /// Takes a message from an authenticated client; the returned future completes when the
    /// message may be acknowledged (for telemetry: once it is durable), or fails with an
    /// `MQTTPublishRejection`. `nil` means there is nothing to wait for.
    func received(
        _ message: ApplicationMessage, from client: MQTTClientIdentity, on eventLoop: any EventLoop
    )
        -> EventLoopFuture<Void>?

    /// A client completed CONNECT (CONNACK success sent).
    func connected(_ client: MQTTClientIdentity)

    /// A client's connection ended: DISCONNECT, a drop, a keep-alive timeout or a takeover.
    func disconnected(_ client: MQTTClientIdentity)
}

extension MQTTPublishHook {
    public func connected(_ client: MQTTClientIdentity) {}
    public func disconnected(_ client: MQTTClientIdentity) {}
}

/// Who sent a message: the login the authenticator accepted.
public struct MQTTClientIdentity: Sendable {
    public var clientID: String
    /// The authenticator's name for the login (a device's login name, "anonymous").
    public var identity: String
    public var permissions: TopicPermissions
    /// What the authenticator attached to the login (for Gantry: the device's ingest source).
    public var attachment: (any Sendable)?
}

/// Why the platform refused a published message; in MQTT 5 the PUBACK carries the reason code.
public struct MQTTPublishRejection: Error, Sendable {
    public var reasonCode: ReasonCode
    public var message: String

    public init(_ reasonCode: ReasonCode, _ message: String) {
        self.reasonCode = reasonCode
        self.message = message
    }
}
