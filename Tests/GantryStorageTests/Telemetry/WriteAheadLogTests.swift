import Foundation
import GantryTesting
import Testing

@testable import GantryStorage

/// The write-ahead log: what was acknowledged comes back, a torn tail is cut, damage is named.
@Suite struct WriteAheadLogTests {
    static func payload(_ index: Int) -> [UInt8] {
        Array("batch-\(index)-".utf8) + [UInt8](repeating: UInt8(index & 0xFF), count: index % 50 + 1)
    }

    @Test func acknowledgedRecordsReplayInOrder() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/wal-0001"
            let (log, first) = try await WriteAheadLog.open(path: path)
            #expect(first.records.isEmpty)
            for index in 0..<200 { try await log.append(Self.payload(index)) }
            await log.close()
            let (_, replay) = try await WriteAheadLog.open(path: path)
            #expect(replay.records == (0..<200).map(Self.payload))
            #expect(replay.tornBytes == 0)
        }
    }

    @Test func concurrentAppendsShareOneSync() async throws {
        try await withTemporaryDirectory { directory in
            let gate = SyncGate()
            let (log, _) = try await WriteAheadLog.open(path: directory + "/wal", beforeSync: { gate.passOrWait() })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await log.append(Self.payload(0)) }
                // The first sync is held until 99 more appends have queued behind it.
                try await gate.waitUntilHeld()
                for index in 1..<100 {
                    group.addTask { try await log.append(Self.payload(index)) }
                }
                for _ in 0..<2000 where await log.queuedAppends < 99 {
                    try await Task.sleep(for: .milliseconds(5))
                }
                #expect(await log.queuedAppends == 99)
                gate.open()
                try await group.waitForAll()
            }
            #expect(await log.syncCount == 2)
            await log.close()
            let (_, replay) = try await WriteAheadLog.open(path: directory + "/wal")
            #expect(Set(replay.records) == Set((0..<100).map(Self.payload)))
        }
    }

    @Test func aTornTailIsCutAndNeverTrusted() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/wal"
            let (log, _) = try await WriteAheadLog.open(path: path)
            for index in 0..<10 { try await log.append(Self.payload(index)) }
            await log.close()
            let intact = try Data(contentsOf: URL(fileURLWithPath: path))
            // A crash mid-write: half of an eleventh record reached the disk.
            let torn = Array(WALFormat.record(Self.payload(10)).prefix(9))
            try (intact + torn).write(to: URL(fileURLWithPath: path))
            let (reopened, replay) = try await WriteAheadLog.open(path: path)
            #expect(replay.records == (0..<10).map(Self.payload))
            #expect(replay.tornBytes == 9)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == intact.count)
            try await reopened.append(Self.payload(11))
            await reopened.close()
            let (_, again) = try await WriteAheadLog.open(path: path)
            #expect(again.records == (0..<10).map(Self.payload) + [Self.payload(11)])
        }
    }

    @Test func damageBeforeTheTailIsAnErrorNamingFileAndOffset() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/wal"
            let (log, _) = try await WriteAheadLog.open(path: path)
            for index in 0..<5 { try await log.append(Self.payload(index)) }
            await log.close()
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let secondRecord = WALFormat.header.count + WALFormat.record(Self.payload(0)).count
            bytes[secondRecord + WALFormat.recordHeaderSize + 2] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try await WriteAheadLog.open(path: path)
                Issue.record("a damaged log opened")
            } catch let error as WALError {
                #expect(error.code == .corrupted)
                #expect(error.offset == Int64(secondRecord))
                #expect(error.description.hasPrefix("\(path) at byte \(secondRecord):"))
            }
            // Nothing was cut: the damaged file is kept for inspection.
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == bytes.count)
        }
    }

    @Test func aForeignFileIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/wal"
            try Data("not a log at all".utf8).write(to: URL(fileURLWithPath: path))
            await #expect(throws: WALError.self) { _ = try await WriteAheadLog.open(path: path) }
        }
    }
}

/// Holds the first sync until the test opens the gate; later syncs pass.
final class SyncGate: @unchecked Sendable {
    // @unchecked Sendable: `condition` guards `held` and `isOpen`.
    private let condition = NSCondition()
    private var held = false
    private var isOpen = false

    /// Called on the sync thread.
    func passOrWait() {
        condition.lock()
        defer { condition.unlock() }
        guard !isOpen else { return }
        held = true
        condition.broadcast()
        while !isOpen { condition.wait() }
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits (bounded) until a sync is being held.
    func waitUntilHeld() async throws {
        for _ in 0..<2000 {
            let isHeld = condition.withLock { held }
            if isHeld { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestSetupError("no sync reached the gate")
    }
}
