import Foundation
import NIOCore

extension MQTTBroker {
    /// Retained messages and sessions that outlive their connections, as they are now.
    func snapshot() -> BrokerSnapshot {
        let now = self.now
        func remaining(_ message: ApplicationMessage) -> Int64? {
            message.expiresAt.map { Int64($0) - Int64(now) }
        }
        return registry.withLock { registry in
            let retained = (try? TopicFilter("#")).map { registry.retained.matching($0) } ?? []
            var sessions: [BrokerSnapshot.SessionRecord] = []
            for (clientID, session) in registry.sessions.sorted(by: { $0.key < $1.key }) {
                let deadline = registry.expiries[clientID]?.deadline
                let record: BrokerSnapshot.SessionRecord? = session.state.withLock { state in
                    guard state.expiryInterval > 0 else { return nil }
                    return BrokerSnapshot.SessionRecord(
                        clientID: clientID, version: state.version, expiryInterval: state.expiryInterval,
                        remainingExpiry: deadline.map { Int64($0) - Int64(now) },
                        subscriptions: state.subscriptions.sorted(by: { $0.key < $1.key }).map {
                            BrokerSnapshot.Subscription(filter: $0.key, options: $0.value.0, identifier: $0.value.1)
                        },
                        pending: state.machine.pendingMessages.map {
                            BrokerSnapshot.Pending(
                                message: BrokerSnapshot.Message(message: $0.0, remainingExpiry: remaining($0.0)),
                                delivery: $0.1)
                        })
                }
                if let record { sessions.append(record) }
            }
            return BrokerSnapshot(
                savedAt: Int64(Date().timeIntervalSince1970 * 1000),
                retained: retained.map {
                    BrokerSnapshot.Message(message: $0, remainingExpiry: remaining($0))
                },
                sessions: sessions)
        }
    }

    /// Puts a snapshot's retained messages and sessions back, with the wall-clock time since it
    /// was taken counted against every expiry; sessions come back offline.
    func restore(_ snapshot: BrokerSnapshot) {
        let now = self.now
        let elapsed = max(0, Int64(Date().timeIntervalSince1970 * 1000) - snapshot.savedAt)
        func alive(_ entry: BrokerSnapshot.Message) -> ApplicationMessage? {
            var message = entry.message
            guard let remaining = entry.remainingExpiry else { return message }
            guard remaining - elapsed > 0 else { return nil }
            message.expiresAt = now + UInt64(remaining - elapsed)
            return message
        }
        registry.withLock { registry in
            for entry in snapshot.retained {
                guard let message = alive(entry), let topic = try? TopicName(message.topic) else { continue }
                _ = registry.retained.store(message, for: topic, byteCount: message.payload.readableBytes)
            }
        }
        for record in snapshot.sessions {
            if let remaining = record.remainingExpiry, remaining - elapsed <= 0 { continue }
            let session = Session(clientID: record.clientID, queueLimit: configuration.sessionQueueLimit)
            session.state.withLock { state in
                state.expiryInterval = record.expiryInterval
                state.version = record.version
                for pending in record.pending {
                    guard let message = alive(pending.message) else { continue }
                    _ = state.machine.deliver(message, pending.delivery, now: now)
                }
            }
            registry.withLock { $0.sessions[record.clientID] = session }
            for subscription in record.subscriptions {
                guard let filter = try? TopicFilter(subscription.filter) else { continue }
                _ = subscribe(
                    session, filter: filter, options: subscription.options, identifier: subscription.identifier)
            }
            if record.expiryInterval != .max {
                let remaining = record.remainingExpiry.map { $0 - elapsed } ?? Int64(record.expiryInterval) * 1000
                scheduleExpiry(of: session, inMilliseconds: remaining)
            }
        }
    }

    /// Writes the snapshot to `path` atomically (temporary file, fsync, rename).
    public func saveState(to path: String) throws {
        changes.store(0, ordering: .relaxed)
        let bytes = snapshot().encoded()
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes.readableBytesView)) else {
            throw BrokerStateFileError("cannot write the broker state file \(temporary)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        // rename(2) replaces the old file in one step: a crash leaves the old state or the new, never half.
        guard rename(temporary, path) == 0 else {
            throw BrokerStateFileError("cannot rename \(temporary) to \(path): errno \(errno)")
        }
    }

    /// Loads the state saved at `path`, if there is one; a damaged file is logged and set aside.
    public func loadState(from path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        do {
            let snapshot = try BrokerSnapshot(decoding: ByteBuffer(bytes: data))
            restore(snapshot)
            logger.info(
                "restored broker state",
                metadata: [
                    "mqtt.sessions": "\(snapshot.sessions.count)", "mqtt.retained": "\(snapshot.retained.count)",
                ])
        } catch {
            logger.error(
                "broker state file is damaged; starting empty", metadata: ["file": "\(path)", "error": "\(error)"])
            try? FileManager.default.moveItem(atPath: path, toPath: path + ".damaged")
        }
    }
}

/// The broker state file could not be written; the message names the file and the system's error.
public struct BrokerStateFileError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
