import Foundation
import GantryCore
import GantryStorage

/// `gantry bench storage`: the same workload against each engine in one process and one run, then how
/// far Gantry's embedded engine is ahead of SQLite.
public enum StorageBenchmark {
    /// What one engine achieved.
    public struct Result: Sendable {
        public let engine: String
        public let samplesPerSecond: Double
        /// Samples per second of CPU time the process spent while ingesting (user + system, all threads):
        /// the rate one core would reach.
        public let samplesPerCPUSecond: Double
        public let bytesPerSample: Double
        public let appendP99: Duration
        public let dayQuery: Duration
        public let yearQuery: Duration?
        public let dayBuckets: Int
    }

    /// Runs the workload against each engine that `makeEngines` opens (in order), printing as it goes.
    public static func run(
        workload: StorageWorkload, yearTag: Bool, now: Int64,
        engines: [(name: String, open: @Sendable () async throws -> any BenchEngine)],
        print report: (String) -> Void
    ) async throws -> [Result] {
        var results: [Result] = []
        for (name, open) in engines {
            report("[\(name)] ingesting \(workload.sampleCount) samples of \(workload.tags.count) tags")
            let engine = try await open()
            let result = try await measure(engine, workload: workload, yearTag: yearTag, now: now, report: report)
            try await engine.close()
            report(line(result))
            results.append(result)
        }
        if let gantry = results.first(where: { $0.engine == "gantry" }),
            let sqlite = results.first(where: { $0.engine == "sqlite" })
        {
            let ingest = gantry.samplesPerSecond / sqlite.samplesPerSecond
            let bytes = sqlite.bytesPerSample / gantry.bytesPerSample
            let query = seconds(sqlite.dayQuery) / seconds(gantry.dayQuery)
            report(
                "ratio ingest=\(format(ingest, digits: 2)) bytes=\(format(bytes, digits: 2)) query=\(format(query, digits: 1))"
            )
        }
        return results
    }

    private static func measure(
        _ engine: any BenchEngine, workload: StorageWorkload, yearTag: Bool, now: Int64, report: (String) -> Void
    ) async throws -> Result {
        let clock = ContinuousClock()
        let began = clock.now
        let cpuBefore = processCPUSeconds()
        var latencies: [Duration] = []
        if engine.takesConcurrentWriters {
            latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for batches in workload.writers {
                    group.addTask {
                        var own: [Duration] = []
                        own.reserveCapacity(batches.count)
                        for batch in batches {
                            let start = clock.now
                            try await engine.append(batch)
                            own.append(clock.now - start)
                        }
                        return own
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        } else {
            let rounds = workload.writers.map(\.count).max() ?? 0
            for round in 0..<rounds {
                for batches in workload.writers where round < batches.count {
                    let start = clock.now
                    try await engine.append(batches[round])
                    latencies.append(clock.now - start)
                }
            }
        }
        let ingestTime = clock.now - began
        let cpu = processCPUSeconds() - cpuBefore
        try await engine.settle()
        let bytes = try await engine.bytesOnDisk()

        let day = try TimeRange(from: workload.start, to: workload.start + StorageWorkload.day)
        var dayBuckets = 0
        let dayQuery = try await median(of: 5) {
            dayBuckets = try await engine.hourBuckets(workload.tags, day)
        }
        report("[\(engine.name)] one day of 1 h buckets over \(workload.tags.count) tags: \(dayBuckets) buckets")

        var yearQuery: Duration?
        if yearTag {
            let tag = try TagPath("bench/plant-year/line/machine/bearing-temperature")
            let yearStart = clock.now
            for index in 0..<365 {
                try await engine.append([StorageWorkload.yearDay(index, tag: tag, now: now)])
            }
            try await engine.settle()
            report(
                "[\(engine.name)] a year of one 1 Hz tag (31 536 000 samples) ingested in \(format(clock.now - yearStart))"
            )
            let range = try TimeRange(
                from: (now / StorageWorkload.day - 365) * StorageWorkload.day,
                to: now / StorageWorkload.day * StorageWorkload.day)
            var buckets = 0
            yearQuery = try await median(of: 5) { buckets = try await engine.hourBuckets([tag], range) }
            report("[\(engine.name)] one year of 1 h buckets of one tag: \(buckets) buckets")
        }
        latencies.sort()
        let p99 = latencies.isEmpty ? .zero : latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        return Result(
            engine: engine.name, samplesPerSecond: Double(workload.sampleCount) / seconds(ingestTime),
            samplesPerCPUSecond: Double(workload.sampleCount) / cpu,
            bytesPerSample: Double(bytes) / Double(workload.sampleCount), appendP99: p99, dayQuery: dayQuery,
            yearQuery: yearQuery, dayBuckets: dayBuckets)
    }

    private static func median(of runs: Int, _ body: () async throws -> Void) async throws -> Duration {
        let clock = ContinuousClock()
        var times: [Duration] = []
        for _ in 0..<runs {
            let start = clock.now
            try await body()
            times.append(clock.now - start)
        }
        return times.sorted()[runs / 2]
    }

    static func line(_ result: Result) -> String {
        var text =
            "\(result.engine): ingest \(format(result.samplesPerSecond, digits: 0)) samples/s (\(format(result.samplesPerCPUSecond, digits: 0)) per CPU-second), \(format(result.bytesPerSample, digits: 2)) bytes/sample, append p99 \(format(result.appendP99)), 1-day 1 h buckets over all tags \(format(result.dayQuery))"
        if let year = result.yearQuery { text += ", 1-year 1 h rollup of one tag \(format(year))" }
        return text
    }

    /// User and system CPU time of the whole process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ duration: Duration) -> String {
        let value = seconds(duration)
        return value >= 1 ? "\(format(value, digits: 2)) s" : "\(format(value * 1000, digits: 2)) ms"
    }

    static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
