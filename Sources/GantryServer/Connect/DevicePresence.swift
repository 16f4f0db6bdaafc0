import Foundation
import GantryCore
import Synchronization

/// Which devices are connected now, from the broker's connect and disconnect events (a keep-alive
/// timeout or a will counts as a disconnect): kept in memory, so no message costs a database write.
///
/// A device may hold several connections (a gateway with one per line); it is online while any is open.
public final class DevicePresence: Sendable {
    /// What the platform knows of one device's link.
    public struct Status: Sendable, Hashable {
        public var online: Bool
        /// When the device last connected (while online: since when), epoch milliseconds.
        public var lastConnectedAt: Int64?
        /// When its last connection ended, epoch milliseconds.
        public var lastDisconnectedAt: Int64?
        var connections: Int
    }

    private let statuses = Mutex<[String: Status]>([:])

    public init() {}

    /// The status of the device with login `username`; offline and never seen if unknown.
    public func status(of username: String) -> Status {
        statuses.withLock { $0[username] } ?? Status(online: false, connections: 0)
    }

    func connected(_ username: String, at time: Int64 = DevicePresence.now()) {
        statuses.withLock { statuses in
            var status = statuses[username] ?? Status(online: false, connections: 0)
            status.connections += 1
            status.online = true
            status.lastConnectedAt = time
            statuses[username] = status
        }
    }

    func disconnected(_ username: String, at time: Int64 = DevicePresence.now()) {
        statuses.withLock { statuses in
            guard var status = statuses[username] else { return }
            status.connections = max(0, status.connections - 1)
            status.online = status.connections > 0
            status.lastDisconnectedAt = time
            statuses[username] = status
        }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
