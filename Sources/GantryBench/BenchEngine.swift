import Foundation
import GantryCore
import GantryStorage

/// One storage engine under the benchmark: how to append, settle, query and weigh it.
public protocol BenchEngine: Sendable {
    var name: String { get }
    func append(_ batch: [SeriesPoints]) async throws
    /// Brings the engine to rest before its disk use is weighed: flushed, checkpointed.
    func settle() async throws
    /// Average per hour of each tag over `range`; returns how many buckets came back.
    func hourBuckets(_ tags: [TagPath], _ range: TimeRange) async throws -> Int
    func bytesOnDisk() async throws -> Int64
    func close() async throws
    /// Whether concurrent appends can proceed together (SQLite serialises writers, so it gets one).
    var takesConcurrentWriters: Bool { get }
}

/// A Gantry `TelemetryStore` under the benchmark.
public struct StoreEngine: BenchEngine {
    public let name: String
    let store: any TelemetryStore
    let directory: String?
    let weigh: @Sendable () async throws -> Int64

    public init(name: String, store: any TelemetryStore, weigh: @escaping @Sendable () async throws -> Int64) {
        self.name = name
        self.store = store
        self.directory = nil
        self.weigh = weigh
    }

    public var takesConcurrentWriters: Bool { true }

    public func append(_ batch: [SeriesPoints]) async throws { try await store.append(batch) }

    public func settle() async throws {
        if let embedded = store as? EmbeddedTelemetryStore { try await embedded.flush() }
    }

    public func hourBuckets(_ tags: [TagPath], _ range: TimeRange) async throws -> Int {
        let answer = try await store.read(BucketQuery(tags: tags, range: range, width: 3_600_000, aggregate: .avg))
        return answer.reduce(0) { $0 + $1.points.count }
    }

    public func bytesOnDisk() async throws -> Int64 { try await weigh() }

    public func close() async throws { try await store.close() }
}

/// The size of everything under `path`, in bytes.
public func directorySize(_ path: String) -> Int64 {
    let files = FileManager.default
    guard let walker = files.enumerator(atPath: path) else { return 0 }
    var total: Int64 = 0
    for case let name as String in walker {
        let attributes = try? files.attributesOfItem(atPath: path + "/" + name)
        if attributes?[.type] as? FileAttributeType == .typeRegular {
            total += (attributes?[.size] as? Int64) ?? 0
        }
    }
    return total
}
