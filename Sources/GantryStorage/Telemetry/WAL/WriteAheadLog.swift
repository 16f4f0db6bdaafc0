import NIOPosix

/// A write-ahead log with group commit: `append` returns once its record is on disk, and appends that
/// arrive while a sync is in flight share the next one.
///
/// Under load the cost of `fdatasync` is spread over every writer waiting for it, which is what lets a
/// durable store ingest millions of samples a second on one disk.
public actor WriteAheadLog {
    public let path: String
    private let file: WALFile
    /// Called on the blocking thread just before each sync; tests use it to hold a sync in flight.
    private let beforeSync: @Sendable () -> Void
    private var waiting: [(record: [UInt8], continuation: CheckedContinuation<Void, any Error>)] = []
    private var isFlushing = false
    private var isClosed = false
    /// Set when a write or sync fails: the file may end in a partial record, so nothing more is appended
    /// after it; reopening cuts the tail and recovers.
    private var hasFailed = false
    /// How many syncs the log has made; fewer than appends means group commit is working.
    public private(set) var syncCount = 0

    private init(path: String, file: WALFile, beforeSync: @escaping @Sendable () -> Void) {
        self.path = path
        self.file = file
        self.beforeSync = beforeSync
    }

    /// Opens the log at `path`, replays it, cuts a torn tail, and returns the log with what it held.
    ///
    /// - Throws: ``WALError`` naming the file and offset when an acknowledged record is damaged.
    public static func open(
        path: String, beforeSync: @escaping @Sendable () -> Void = {}
    ) async throws(WALError)
        -> (WriteAheadLog, WALReplay)
    {
        let replay: WALReplay
        if let bytes = try WALFile.readAll(path: path) {
            replay = try WALReplay.parse(bytes, path: path)
            if replay.tornBytes > 0 {
                try WALFile.truncate(path: path, to: replay.validLength)
            }
        } else {
            replay = WALReplay(records: [], validLength: 0, tornBytes: 0)
        }
        let file = try WALFile(path: path)
        if replay.validLength == 0 {
            try file.write(WALFormat.header)
            try file.sync()
        }
        return (WriteAheadLog(path: path, file: file, beforeSync: beforeSync), replay)
    }

    /// Creates a new log at `path` whose first record is `firstRecord`, written and synced before it
    /// returns: the engine starts each WAL segment with the points it carries over from the previous one.
    ///
    /// Synchronous on purpose: the caller switches segments without letting another append in between.
    public static func create(path: String, firstRecord: [UInt8]?) throws(WALError) -> WriteAheadLog {
        let file = try WALFile(path: path)
        var bytes = WALFormat.header
        if let firstRecord, !firstRecord.isEmpty {
            guard firstRecord.count <= WALFormat.maximumPayload else {
                throw WALError(
                    .tooLarge, path: path, "a carried-over record of \(firstRecord.count) bytes is too large")
            }
            bytes += WALFormat.record(firstRecord)
        }
        try file.write(bytes)
        try file.sync()
        return WriteAheadLog(path: path, file: file, beforeSync: {})
    }

    /// How many appends are queued behind the sync in flight.
    public var queuedAppends: Int { waiting.count }

    /// Appends one record and returns when it is durable.
    ///
    /// The first caller to find no sync in flight leads: it writes and syncs its record and everything
    /// queued meanwhile, batch after batch, until the queue is empty.
    public func append(_ payload: [UInt8]) async throws {
        guard !isClosed else { throw WALError(.closed, path: path, "the log is closed") }
        guard !hasFailed else {
            throw WALError(.io, path: path, "an earlier write or sync failed; reopen the log to recover")
        }
        guard !payload.isEmpty, payload.count <= WALFormat.maximumPayload else {
            throw WALError(
                .tooLarge, path: path, "a record must hold 1 to \(WALFormat.maximumPayload) bytes, not \(payload.count)"
            )
        }
        let record = WALFormat.record(payload)
        guard !isFlushing else {
            try await withCheckedThrowingContinuation { waiting.append((record, $0)) }
            return
        }
        isFlushing = true
        let own = await writeAndSync([record])
        while !waiting.isEmpty {
            let batch = waiting
            waiting.removeAll()
            // After a failed write the file may end in a partial record: nothing more goes after it.
            let result =
                hasFailed
                ? .failure(WALError(.io, path: path, "an earlier write or sync failed; reopen the log to recover"))
                : await writeAndSync(batch.map(\.record))
            for entry in batch { entry.continuation.resume(with: result) }
        }
        isFlushing = false
        try own.get()
    }

    private func writeAndSync(_ records: [[UInt8]]) async -> Result<Void, any Error> {
        let file = self.file
        let beforeSync = self.beforeSync
        do {
            try await NIOThreadPool.singleton.runIfActive {
                for record in records { try file.write(record) }
                beforeSync()
                try file.sync()
            }
            syncCount += 1
            return .success(())
        } catch {
            hasFailed = true
            return .failure(error)
        }
    }

    /// Closes the file; later appends fail.
    public func close() {
        isClosed = true
        file.close()
    }
}
