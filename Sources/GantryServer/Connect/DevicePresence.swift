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

    /// Records a new connection; true when the device was offline until now.
    @discardableResult
    func connected(_ username: String, at time: Int64 = DevicePresence.now()) -> Bool {
        statuses.withLock { statuses in
            var status = statuses[username] ?? Status(online: false, connections: 0)
            let cameOnline = !status.online
            status.connections += 1
            status.online = true
            status.lastConnectedAt = time
            statuses[username] = status
            return cameOnline
        }
    }

    /// Records a closed connection; true when it was the device's last, so it is offline now.
    @discardableResult
    func disconnected(_ username: String, at time: Int64 = DevicePresence.now()) -> Bool {
        statuses.withLock { statuses in
            guard var status = statuses[username] else { return false }
            let wasOnline = status.online
            status.connections = max(0, status.connections - 1)
            status.online = status.connections > 0
            status.lastDisconnectedAt = time
            statuses[username] = status
            return wasOnline && !status.online
        }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
