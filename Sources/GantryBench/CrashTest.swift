import Foundation
import GantryCore
import GantryStorage

/// The crash test's two halves: a writer that appends batches and logs each acknowledgement, meant to be
/// killed with SIGKILL at random moments, and a checker that reopens the store and proves that every
/// acknowledged sample is present exactly once and no batch is present in part.
///
/// Each writer run appends into its own stretch of time (run `r` starts `r × 10^7` ms after a fixed
/// origin), so a restarted writer never collides with what an earlier run left, acknowledged or not.
public enum CrashTest {
    static let origin: Int64 = 1_700_000_000_000
    static let tagsPerWriter = 8
    static let pointsPerSeries = 25

    /// A small engine that flushes and rotates its log often, so kills land in every phase.
    static func configuration(_ directory: String) -> EmbeddedTelemetryConfiguration {
        var configuration = EmbeddedTelemetryConfiguration(directory: directory)
        configuration.walByteLimit = 96 << 10
        configuration.headPointLimit = 3000
        configuration.outOfOrderWindow = 10_000
        return configuration
    }

    static func tag(writer: Int, index: Int) -> TagPath {
        try! TagPath("crash/plant/line-\(writer)/machine/signal-\(index)")
    }

    /// The batch `batch` of `writer` in `run`: every value derives from its coordinates.
    static func batch(run: Int, writer: Int, batch: Int) -> [SeriesPoints] {
        (0..<tagsPerWriter).map { index in
            let points = (0..<pointsPerSeries).map { k in
                let timestamp = origin + Int64(run) * 10_000_000 + Int64(batch * pointsPerSeries + k) * 100
                return TelemetryPoint(
                    timestamp: timestamp, value: .double(Double(run * 1_000_000 + batch * 100 + k) / 4))
            }
            return SeriesPoints(tag: tag(writer: writer, index: index), points: points)
        }
    }

    /// Appends batches from `writers` concurrent writers until killed, writing `ack RUN WRITER BATCH` to
    /// `log` after each append returned.
    public static func write(directory: String, log: String, writers: Int) async throws {
        let previous = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let run = previous.split(separator: "\n").filter { $0.hasPrefix("run ") }.count
        let handle = try openLog(log)
        handle.write(Data("run \(run)\n".utf8))
        let store = try await EmbeddedTelemetryStore.open(configuration(directory))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for number in 0..<1_000_000 {
                        try await store.append(batch(run: run, writer: writer, batch: number))
                        handle.write(Data("ack \(run) \(writer) \(number)\n".utf8))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private static func openLog(_ path: String) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        return handle
    }

    /// Reopens the store and checks it against the log; returns a one-line summary or throws what is wrong.
    public static func check(directory: String, log: String, writers: Int) async throws -> String {
        let text = try String(contentsOfFile: log, encoding: .utf8)
        var acknowledged: [Int: [Int: Int]] = [:]  // run → writer → highest batch acknowledged
        var runs = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "run" { runs += 1 }
            guard fields.count == 4, fields[0] == "ack", let run = Int(fields[1]), let writer = Int(fields[2]),
                let number = Int(fields[3])
            else { continue }
            acknowledged[run, default: [:]][writer] = max(acknowledged[run]?[writer] ?? -1, number)
        }
        let store = try await EmbeddedTelemetryStore.open(configuration(directory))
        var present = 0
        var expected = 0
        for writer in 0..<writers {
            for index in 0..<tagsPerWriter {
                let points = try await allPoints(store, tag(writer: writer, index: index))
                var seen: [Int64: SampleValue] = [:]
                for point in points {
                    guard seen.updateValue(point.value, forKey: point.timestamp) == nil else {
                        throw CrashTestFailure(
                            "tag \(tag(writer: writer, index: index)) holds \(point.timestamp) twice")
                    }
                }
                present += points.count
                for run in 0..<runs {
                    let last = acknowledged[run]?[writer] ?? -1
                    // Every acknowledged batch whole; the batch in flight at the kill whole or absent.
                    for number in 0...(last + writers) {
                        let want = batch(run: run, writer: writer, batch: number)[index].points
                        let found = want.filter { seen[$0.timestamp] == $0.value }.count
                        if number <= last {
                            expected += want.count
                            guard found == want.count else {
                                throw CrashTestFailure(
                                    "run \(run) writer \(writer) batch \(number) was acknowledged, but \(tag(writer: writer, index: index)) holds \(found) of its \(want.count) points"
                                )
                            }
                        } else if found != 0 && found != want.count {
                            throw CrashTestFailure(
                                "run \(run) writer \(writer) batch \(number) (not acknowledged) is present in part: \(found) of \(want.count) points"
                            )
                        }
                    }
                }
            }
        }
        try await store.close()
        guard present >= expected else {
            throw CrashTestFailure("\(present) points present, fewer than the \(expected) acknowledged")
        }
        return
            "crash check: \(runs) runs, \(expected) acknowledged points all present once, \(present - expected) more from batches in flight"
    }

    private static func allPoints(_ store: EmbeddedTelemetryStore, _ tag: TagPath) async throws -> [TelemetryPoint] {
        var points: [TelemetryPoint] = []
        var cursor: RawCursor?
        repeat {
            let page = try await store.read(
                RawQuery(
                    tags: [tag], range: try TimeRange(from: origin, to: origin + 1_000_000_000), limit: 50_000,
                    after: cursor))
            points += page.series.flatMap(\.points)
            cursor = page.next
        } while cursor != nil
        return points
    }
}

/// What the crash check found wrong.
public struct CrashTestFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
