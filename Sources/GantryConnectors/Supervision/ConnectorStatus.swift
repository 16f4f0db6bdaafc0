import Synchronization

/// What a connector shows on `/metrics` and on the console's device page: the link's state and the counts a
/// field engineer asks for first (is it polling, is it failing, how often did it reconnect, how slow is it).
public struct ConnectorStatus: Hashable, Sendable, Codable {
    public enum Link: String, Hashable, Sendable, Codable {
        case connecting, online, offline
    }

    public var link: Link = .connecting
    /// Why the link is not online, in the protocol's words; `nil` while online.
    public var reason: String?
    /// Requests sent (Modbus transactions, OPC UA service calls), answered or not.
    public var requests: Int = 0
    /// Requests that failed: timeouts, exceptions, bad status codes, protocol violations.
    public var errors: Int = 0
    /// Connections made again after one was lost.
    public var reconnects: Int = 0
    /// Readings delivered to the platform.
    public var readings: Int = 0
    /// The round trip of the last answered request, milliseconds.
    public var lastLatencyMilliseconds: Double?

    public init() {}
}

/// A running connector's status, written by its connection loop and read by the platform at any time.
public final class ConnectorStatusBoard: Sendable {
    private let state = Mutex(ConnectorStatus())

    public init() {}

    public var current: ConnectorStatus { state.withLock { $0 } }

    public func update(_ change: (inout ConnectorStatus) -> Void) {
        state.withLock { change(&$0) }
    }
}
