/// What of the broker outlives a restart: retained messages and persistent sessions with their
/// subscriptions and undelivered QoS 1/2 messages.
///
/// Times are kept as what remains (milliseconds) when the snapshot was taken, because the broker's
/// clock is monotonic and starts again at zero; loading subtracts the wall-clock time that passed.
struct BrokerSnapshot: Sendable, Equatable {
    struct Message: Sendable, Equatable {
        var message: ApplicationMessage
        /// Milliseconds until the message expires; nil for never.
        var remainingExpiry: Int64?
    }

    struct Pending: Sendable, Equatable {
        var message: Message
        var delivery: Delivery
    }

    struct SessionRecord: Sendable, Equatable {
        var clientID: String
        var version: ProtocolVersion
        var expiryInterval: UInt32
        /// Milliseconds until the session ends; nil while connected or for sessions that never expire.
        var remainingExpiry: Int64?
        var subscriptions: [Subscription]
        var pending: [Pending]
    }

    struct Subscription: Sendable, Equatable {
        var filter: String
        var options: SubscriptionOptions
        var identifier: UInt32?
    }

    /// Wall-clock milliseconds since the Unix epoch when the snapshot was taken.
    var savedAt: Int64
    var retained: [Message]
    var sessions: [SessionRecord]
}
