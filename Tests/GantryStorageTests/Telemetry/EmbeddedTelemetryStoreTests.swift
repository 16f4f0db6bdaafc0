import Foundation
import GantryCore
import GantryStorage
import GantryTesting
import Testing

/// What only the embedded engine promises: its files survive crashes and damage, retention frees disk,
/// memory stays bounded, and rollups agree with the points.
@Suite struct EmbeddedTelemetryStoreTests {
    /// A fixed server clock on an hour boundary; the samples lie in the hours before it.
    static let now: Int64 = 1_800_000_000_000 / 3_600_000 * 3_600_000
    static let start = now - 6 * 3_600_000

    static func configuration(_ directory: String) -> EmbeddedTelemetryConfiguration {
        var configuration = EmbeddedTelemetryConfiguration(directory: directory + "/telemetry")
        configuration.clock = { now }
        return configuration
    }

    static func tag(_ name: String) throws -> TagPath { try TagPath("acme/plant/line-1/press/\(name)") }

    /// `count` points a second apart from `start + offset` seconds, values from `value`.
    static func series(
        _ name: String, count: Int, offset: Int = 0, value: (Int) -> SampleValue
    ) throws -> SeriesPoints {
        SeriesPoints(
            tag: try tag(name),
            points: (0..<count).map { index in
                TelemetryPoint(timestamp: start + Int64(offset + index) * 1000, value: value(offset + index))
            })
    }

    static func allPoints(_ store: some TelemetryStore, _ name: String) async throws -> [TelemetryPoint] {
        var points: [TelemetryPoint] = []
        var cursor: RawCursor?
        repeat {
            let page = try await store.read(
                RawQuery(tags: [try tag(name)], range: try TimeRange(from: 0, to: now + 1), limit: 977, after: cursor))
            points += page.series.flatMap(\.points)
            cursor = page.next
        } while cursor != nil
        return points
    }

    @Test func everyTypeSurvivesAFlushAndAReopen() async throws {
        try await withTemporaryDirectory { directory in
            let states = ["idle", "running", "fault"]
            let batch = [
                try Self.series("speed", count: 5000) { .double(Double($0 % 97) * 0.25) },
                try Self.series("strokes", count: 5000) { .int(Int64($0 / 3)) },
                try Self.series("guard-closed", count: 5000) { .bool($0 % 50 < 25) },
                try Self.series("state", count: 5000) { .string(states[($0 / 100) % 3]) },
            ]
            var store = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            try await store.append(Array(batch.map { SeriesPoints(tag: $0.tag, points: Array($0.points[..<2500])) }))
            try await store.flush()
            try await store.append(Array(batch.map { SeriesPoints(tag: $0.tag, points: Array($0.points[2500...])) }))
            try await store.close()
            store = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            for expected in batch {
                let points = try await Self.allPoints(store, expected.tag.name)
                #expect(points == expected.points, "\(expected.tag)")
            }
            try await store.close()
        }
    }

    @Test func aCrashLosesNoAcknowledgedPointAndDuplicatesNone() async throws {
        try await withTemporaryDirectory { directory in
            var configuration = Self.configuration(directory)
            configuration.walByteLimit = 64 << 10
            let crashed = try await EmbeddedTelemetryStore.open(configuration)
            var expected: [TelemetryPoint] = []
            for round in 0..<40 {
                let batch = try Self.series("load", count: 250, offset: round * 250) { .double(Double($0) / 8) }
                try await crashed.append([batch])
                expected += batch.points
            }
            // No close: abandoning lets go as a crash would, so the next open finds the log segments and chunk
            // files as a crash leaves them.
            await crashed.abandon()
            let reopened = try await EmbeddedTelemetryStore.open(configuration)
            #expect(try await Self.allPoints(reopened, "load") == expected)
            try await reopened.close()
        }
    }

    @Test func aSecondStoreCannotOpenADirectoryInUseAndCanOnceItIsClosed() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Self.configuration(directory)
            let first = try await EmbeddedTelemetryStore.open(configuration)
            try await first.append([try Self.series("speed", count: 10) { .double(Double($0)) }])
            let error = await #expect(throws: TelemetryError.self) {
                _ = try await EmbeddedTelemetryStore.open(configuration)
            }
            #expect(error?.code == .locked)
            #expect(error?.message.contains(configuration.directory) == true)
            // The refused open touched nothing: the first store goes on, and its points are there after it.
            try await first.append([try Self.series("speed", count: 10, offset: 10) { .double(Double($0)) }])
            try await first.close()
            let second = try await EmbeddedTelemetryStore.open(configuration)
            #expect(try await Self.allPoints(second, "speed").count == 20)
            try await second.close()
        }
    }

    @Test func aDamagedChunkIsNamedAndTheRestStaysReadable() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Self.configuration(directory)
            let store = try await EmbeddedTelemetryStore.open(configuration)
            try await store.append([try Self.series("temperature", count: 3000) { .double(20 + Double($0 % 7)) }])
            try await store.flush()
            try await store.append([try Self.series("pressure", count: 3000, offset: 4000) { .double(Double($0 % 11)) }]
            )
            try await store.flush()
            try await store.close()
            let chunks = URL(fileURLWithPath: directory + "/telemetry/chunks")
            let first = try FileManager.default.contentsOfDirectory(atPath: chunks.path).sorted().first!
            let handle = try FileHandle(forUpdating: chunks.appendingPathComponent(first))
            try handle.seek(toOffset: 40)
            try handle.write(contentsOf: Data([0xFF, 0x00, 0xFF]))
            try handle.close()

            let reopened = try await EmbeddedTelemetryStore.open(configuration)
            let error = await #expect(throws: TelemetryError.self) {
                _ = try await Self.allPoints(reopened, "temperature")
            }
            #expect(error?.code == .corrupted)
            #expect(error?.message.contains(first) == true)
            #expect(error?.message.contains("at byte 8") == true)
            #expect(try await Self.allPoints(reopened, "pressure").count == 3000)
            try await reopened.close()
        }
    }

    @Test func aDamagedLogRecordIsNamedAndTheRestIsReplayed() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Self.configuration(directory)
            let crashed = try await EmbeddedTelemetryStore.open(configuration)
            for round in 0..<3 {
                try await crashed.append([
                    try Self.series("current", count: 100, offset: round * 100) { .double(Double($0)) }
                ])
            }
            // No close: the three batches are only in the log. Damage the middle one.
            await crashed.abandon()
            let walDirectory = directory + "/telemetry/wal"
            let segment = try FileManager.default.contentsOfDirectory(atPath: walDirectory).sorted().last!
            let bytes = try Data(contentsOf: URL(fileURLWithPath: walDirectory + "/" + segment))
            let recordLength = (bytes.count - 8) / 3
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: walDirectory + "/" + segment))
            try handle.seek(toOffset: UInt64(8 + recordLength + recordLength / 2))
            try handle.write(contentsOf: Data([0xAA, 0x55]))
            try handle.close()

            let reopened = try await EmbeddedTelemetryStore.open(configuration)
            let damage = await reopened.statistics.damage
            #expect(damage.count == 1)
            #expect(damage.first?.contains(segment) == true)
            #expect(damage.first?.contains("at byte \(8 + recordLength)") == true)
            let points = try await Self.allPoints(reopened, "current")
            #expect(
                points.map(\.timestamp) == (Array(0..<100) + Array(200..<300)).map { Self.start + Int64($0) * 1000 })
            #expect(FileManager.default.fileExists(atPath: walDirectory + "/" + segment + ".damaged"))
            try await reopened.close()
        }
    }

    @Test func retentionDeletesWholeChunksAndTheDiskShrinks() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            try await store.append([try Self.series("vibration-rms", count: 3600) { .double(Double($0 % 13) / 7) }])
            try await store.append([try Self.series("kept", count: 600) { .double(Double($0 % 13)) }])
            try await store.flush()
            try await store.append([
                try Self.series("vibration-rms", count: 600, offset: 4 * 3600) { .double(Double($0)) }
            ])
            try await store.flush()
            let chunks = directory + "/telemetry/chunks"
            let before = Self.size(of: chunks)

            let rules = [RetentionRule(prefix: "acme/plant/line-1/press/vibration-rms", keep: 3 * 3_600_000)]
            let report = try await store.applyRetention(rules, now: Self.now)
            #expect(report.droppedChunks >= 1)
            let remaining = try await Self.allPoints(store, "vibration-rms")
            #expect(remaining.count == 600)
            #expect(remaining.allSatisfy { $0.timestamp >= Self.now - 3 * 3_600_000 })
            // The older file also holds the unruled tag: it is rewritten with just that tag's chunk.
            #expect(try await Self.allPoints(store, "kept").count == 600)
            #expect(report.freedBytes > 0)
            #expect(Self.size(of: chunks) == before - report.freedBytes)

            let all = [RetentionRule(prefix: "acme/plant", keep: 3 * 3_600_000)]
            let second = try await store.applyRetention(all, now: Self.now)
            #expect(second.freedBytes > 0)
            #expect(Self.size(of: chunks) == before - report.freedBytes - second.freedBytes)
            #expect(try await Self.allPoints(store, "kept").isEmpty)
            try await store.close()
            // What retention left is all there is after a restart.
            let reopened = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            #expect(try await Self.allPoints(reopened, "vibration-rms").count == 600)
            #expect(try await Self.allPoints(reopened, "kept").isEmpty)
            try await reopened.close()
        }
    }

    static func size(of directory: String) -> Int64 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int64) ?? 0)
        }
    }

    @Test func memoryStaysBoundedWhateverTheSeriesCount() async throws {
        try await withTemporaryDirectory { directory in
            var configuration = Self.configuration(directory)
            configuration.headPointLimit = 2000
            let store = try await EmbeddedTelemetryStore.open(configuration)
            var highest = 0
            for round in 0..<20 {
                let batch = try (0..<500).map { index in
                    try Self.series("sensor-\(index)", count: 10, offset: round * 10) { .double(Double($0)) }
                }
                try await store.append(batch)
                highest = max(highest, await store.statistics.headPoints)
            }
            try await store.flush()
            #expect(highest <= configuration.headPointLimit * 2 + 5000)
            #expect(await store.statistics.headPoints <= configuration.headPointLimit)
            #expect(try await Self.allPoints(store, "sensor-499").count == 200)
            try await store.close()
        }
    }

    @Test func everyDoubleComesBackBitForBitWhateverItsCoding() async throws {
        try await withTemporaryDirectory { directory in
            var random = SystemRandomNumberGenerator()
            let awkward: [Double] = [
                0, -0.0, .nan, .infinity, -.infinity, 1e300, -1e-300, .leastNonzeroMagnitude, 0.1 + 0.2, 73.9, -12.25,
            ]
            let decimals = (0..<3000).map { _ in Double(Int.random(in: -500_000...500_000, using: &random)) / 100 }
            let noise = (0..<3000).map { _ in Double.random(in: -1e6...1e6, using: &random) }
            let counters = (0..<3000).map { Int64($0) * 3 + Int64.random(in: 0...2, using: &random) }
            let store = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            let mixed = awkward + decimals
            try await store.append([
                try Self.series("mixed", count: mixed.count) { .double(mixed[$0]) },
                try Self.series("noise", count: noise.count) { .double(noise[$0]) },
                try Self.series("decimals", count: decimals.count) { .double(decimals[$0]) },
                try Self.series("counter", count: counters.count) { .int(counters[$0]) },
                try Self.series("extremes", count: 4) { .int([Int64.min, Int64.max, 0, -1][$0]) },
            ])
            try await store.flush()
            for (name, expected) in [("mixed", mixed), ("noise", noise), ("decimals", decimals)] {
                let points = try await Self.allPoints(store, name)
                let bits = points.map { point -> UInt64 in
                    if case .double(let value) = point.value { return value.bitPattern }
                    return 0
                }
                #expect(bits == expected.map(\.bitPattern), "\(name)")
            }
            #expect(try await Self.allPoints(store, "counter").map(\.value) == counters.map { .int($0) })
            #expect(
                try await Self.allPoints(store, "extremes").map(\.value)
                    == [Int64.min, Int64.max, 0, -1].map { .int($0) })
            try await store.close()
        }
    }

    @Test func minuteAndHourBucketsFromRollupsMatchBucketsFromPoints() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            let values = (0..<(3 * 3600)).map { index in Double((index * 7919) % 1000) / 10 }
            let tag = try Self.tag("level")
            try await store.append([try Self.series("level", count: 5000) { .double(values[$0]) }])
            try await store.flush()
            // A second flush adds to minutes and hours the first one began.
            try await store.append([
                try Self.series("level", count: values.count - 5000, offset: 5000) { .double(values[$0]) }
            ])
            try await store.flush()
            let range = try TimeRange(from: Self.start, to: Self.start + 3 * 3_600_000)
            for width: Int64 in [60_000, 600_000, 3_600_000] {
                for aggregate in [Aggregate.avg, .min, .max, .sum, .count, .first, .last] {
                    // Aligned, the rollups answer; shifted by a second, the points do. Compare with the values.
                    let answer = try await store.read(
                        BucketQuery(tags: [tag], range: range, width: width, aggregate: aggregate))
                    let points = answer.first?.points ?? []
                    let perBucket = Int(width / 1000)
                    #expect(points.count == values.count / perBucket, "\(width) \(aggregate)")
                    for (index, point) in points.enumerated() {
                        let slice = values[(index * perBucket)..<((index + 1) * perBucket)]
                        let want: Double =
                            switch aggregate {
                            case .avg: slice.reduce(0, +) / Double(perBucket)
                            case .min: slice.min()!
                            case .max: slice.max()!
                            case .sum: slice.reduce(0, +)
                            case .count: Double(perBucket)
                            case .first: slice.first!
                            default: slice.last!
                            }
                        let got: Double =
                            switch point.value {
                            case .double(let number): number
                            case .int(let number): Double(number)
                            default: .nan
                            }
                        #expect(abs(got - want) < 1e-6, "\(width) \(aggregate) bucket \(index)")
                    }
                }
            }
            try await store.close()
        }
    }

    @Test func hourBucketsFromRollupsMatchBucketsFromPoints() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await EmbeddedTelemetryStore.open(Self.configuration(directory))
            let values = (0..<(5 * 3600)).map { index in Double((index * 7919) % 1000) / 10 }
            try await store.append([try Self.series("flow", count: values.count) { .double(values[$0]) }])
            try await store.flush()
            let tag = try Self.tag("flow")
            for aggregate in [Aggregate.avg, .min, .max, .sum, .count, .first, .last] {
                let aligned = try await store.read(
                    BucketQuery(
                        tags: [tag], range: try TimeRange(from: Self.start, to: Self.start + 5 * 3_600_000),
                        width: 3_600_000, aggregate: aggregate))
                let points = aligned.first?.points ?? []
                #expect(points.count == 5)
                for (hour, point) in points.enumerated() {
                    let slice = values[(hour * 3600)..<((hour + 1) * 3600)]
                    let expected: SampleValue =
                        switch aggregate {
                        case .avg: .double(slice.reduce(0, +) / 3600)
                        case .min: .double(slice.min()!)
                        case .max: .double(slice.max()!)
                        case .sum: .double(slice.reduce(0, +))
                        case .count: .int(3600)
                        case .first: .double(slice.first!)
                        default: .double(slice.last!)
                        }
                    #expect(point.timestamp == Self.start + Int64(hour) * 3_600_000)
                    if case .double(let got) = point.value, case .double(let want) = expected {
                        #expect(abs(got - want) < 1e-6, "\(aggregate) hour \(hour)")
                    } else {
                        #expect(point.value == expected, "\(aggregate) hour \(hour)")
                    }
                }
            }
            try await store.close()
        }
    }
}
