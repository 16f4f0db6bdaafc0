import GantryCore
import GantryStorage

/// The storage benchmark's workload: 1 Hz signals of many tags, cut into the batches concurrent writers
/// append, generated before any clock starts so every engine gets the same points.
public struct StorageWorkload: Sendable {
    public let tags: [TagPath]
    /// The first sample's time: midnight UTC of yesterday, so the day-long query covers all of it.
    public let start: Int64
    /// Samples per tag.
    public let seconds: Int
    /// `writers[w]` is the list of batches writer `w` appends, in order.
    public let writers: [[[SeriesPoints]]]

    public var sampleCount: Int { tags.count * seconds }

    public static let day: Int64 = 86_400_000

    /// Generates `samples` samples over `tagCount` tags for `writerCount` writers, `batchSeconds` seconds of
    /// each writer's tags per batch.
    public static func generate(
        samples: Int, tagCount: Int, writerCount: Int, batchSeconds: Int, now: Int64, recordedDirectory: String
    ) throws -> StorageWorkload {
        let recorded = SignalGenerator.loadRecorded(from: recordedDirectory)
        let seconds = max(1, samples / tagCount)
        let kinds = SignalGenerator.Kind.allCases.filter { $0 != .recorded || !recorded.isEmpty }
        let tags = try (0..<tagCount).map { index in
            try TagPath("bench/plant-\(index / 250)/line-\(index / 50)/machine-\(index / 10)/signal-\(index)")
        }
        var generators = (0..<tagCount).map { index in
            SignalGenerator(
                kind: kinds[index % kinds.count], seed: UInt64(index) &* 7919 &+ 17,
                recorded: recorded.isEmpty ? [] : recorded[index % recorded.count])
        }
        let start = (now / day - 1) * day
        var writers: [[[SeriesPoints]]] = Array(repeating: [], count: writerCount)
        var second = 0
        while second < seconds {
            let span = min(batchSeconds, seconds - second)
            for writer in 0..<writerCount {
                var batch: [SeriesPoints] = []
                for index in stride(from: writer, to: tagCount, by: writerCount) {
                    var points: [TelemetryPoint] = []
                    points.reserveCapacity(span)
                    for offset in 0..<span {
                        let timestamp = start + Int64(second + offset) * 1000
                        points.append(TelemetryPoint(timestamp: timestamp, value: .double(generators[index].next())))
                    }
                    batch.append(SeriesPoints(tag: tags[index], points: points))
                }
                writers[writer].append(batch)
            }
            second += span
        }
        return StorageWorkload(tags: tags, start: start, seconds: seconds, writers: writers)
    }

    /// One day of the year-long tag (1 Hz), day `index` of 365 counted back from today's midnight.
    public static func yearDay(_ index: Int, tag: TagPath, now: Int64) -> SeriesPoints {
        let first = (now / day - 365 + Int64(index)) * day
        var generator = SignalGenerator(kind: .drift, seed: UInt64(index) &+ 99, recorded: [])
        let points = (0..<86_400).map { second in
            TelemetryPoint(timestamp: first + Int64(second) * 1000, value: .double(generator.next()))
        }
        return SeriesPoints(tag: tag, points: points)
    }
}
