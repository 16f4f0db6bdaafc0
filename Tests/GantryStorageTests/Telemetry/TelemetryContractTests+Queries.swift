import Foundation
import GantryCore
import GantryStorage
import GantryTesting
import Testing

extension TelemetryContractTests {
    @Test(
        "each aggregate of a double series matches the values worked out by hand", arguments: TelemetryBackend.available
    )
    func bucketAggregatesOfDoubles(backend: TelemetryBackend) async throws {
        let tag = contractTag("hall-4/kiln/temperature")
        let s = T.second
        // Buckets of 10 s: [3, 1, 8] from 0 s, [2] from 10 s, nothing from 20 s, [-4, 6, 5] from 30 s.
        let points = [
            point(1 * s, .double(3)), point(4 * s, .double(1)), point(9_999, .double(8)), point(10 * s, .double(2)),
            point(35 * s, .double(-4)), point(37_500, .double(6)), point(39 * s, .double(5), Quality(.uncertain)),
        ]
        let expected: [Aggregate: [Double]] = [
            .avg: [4, 2, 7.0 / 3], .min: [1, 2, -4], .max: [8, 2, 6], .sum: [12, 2, 7],
            .first: [3, 2, -4], .last: [8, 2, 5],
        ]
        try await backend.withStore { store in
            try await store.append([SeriesPoints(tag: tag, points: points)])
            for aggregate in Aggregate.allCases where aggregate != .twa {
                let answer = try await store.read(
                    BucketQuery(tags: [tag], range: T.range(0, T.minute), width: 10 * s, aggregate: aggregate))
                let buckets = try #require(answer.first?.points, "\(aggregate)")
                #expect(answer.map(\.tag) == [tag])
                #expect(buckets.map(\.timestamp) == [0, 10 * s, 30 * s].map { T.base + $0 }, "\(aggregate)")
                if aggregate == .count {
                    #expect(buckets.map(\.value) == [.int(3), .int(1), .int(3)])
                    continue
                }
                let numbers = buckets.map { point -> Double in
                    if case .double(let number) = point.value { return number }
                    Issue.record("\(aggregate) answered \(point.value), not a double")
                    return .nan
                }
                let wanted = try #require(expected[aggregate])
                #expect(zip(numbers, wanted).allSatisfy { abs($0 - $1) < 1e-9 }, "\(aggregate): \(numbers) ≠ \(wanted)")
            }
            let last = try await store.read(
                BucketQuery(tags: [tag], range: T.range(0, T.minute), width: 10 * s, aggregate: .last))
            #expect(last.first?.points.last?.quality == Quality(.uncertain), "last keeps its sample's quality")
        }
    }

    @Test("ints, bools and strings aggregate by their kind", arguments: TelemetryBackend.available)
    func bucketAggregatesOfOtherTypes(backend: TelemetryBackend) async throws {
        let count = contractTag("hall-4/kiln/batches")
        let open = contractTag("hall-4/kiln/door-open")
        let mode = contractTag("hall-4/kiln/mode")
        let s = T.second
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(
                    tag: count, points: [point(1 * s, .int(5)), point(2 * s, .int(7)), point(3 * s, .int(-2))]),
                SeriesPoints(
                    tag: open,
                    points: [
                        point(1 * s, .bool(true)), point(2 * s, .bool(false)), point(3 * s, .bool(true)),
                        point(4 * s, .bool(true)),
                    ]),
                SeriesPoints(tag: mode, points: [point(1 * s, .string("heat")), point(5 * s, .string("cool"))]),
            ])
            func bucket(_ tag: TagPath, _ aggregate: Aggregate) async throws -> SampleValue? {
                let answer = try await store.read(
                    BucketQuery(tags: [tag], range: T.range(0, T.minute), width: T.minute, aggregate: aggregate))
                #expect(answer.first?.points.count == 1, "\(tag) \(aggregate)")
                #expect(answer.first?.points.first?.timestamp == T.base, "\(tag) \(aggregate)")
                return answer.first?.points.first?.value
            }
            #expect(try await bucket(count, .sum) == .double(10))
            #expect(try await bucket(count, .min) == .double(-2))
            #expect(try await bucket(count, .count) == .int(3))
            #expect(try await bucket(count, .first) == .int(5))
            #expect(try await bucket(count, .last) == .int(-2))
            #expect(try await bucket(open, .avg) == .double(0.75))
            #expect(try await bucket(open, .sum) == .double(3))
            #expect(try await bucket(open, .min) == .double(0))
            #expect(try await bucket(open, .first) == .bool(true))
            #expect(try await bucket(open, .count) == .int(4))
            #expect(try await bucket(mode, .count) == .int(2))
            #expect(try await bucket(mode, .first) == .string("heat"))
            #expect(try await bucket(mode, .last) == .string("cool"))
            for aggregate in Aggregate.allCases where aggregate.isNumeric {
                await expectRefusal(.invalidQuery, "\(aggregate) of strings") {
                    _ = try await store.read(
                        BucketQuery(
                            tags: [count, mode], range: T.range(0, T.minute), width: T.minute, aggregate: aggregate))
                }
            }
        }
    }

    /// A setpoint as a step signal, buckets of 10 s over [0 s, 35 s):
    /// - before the range: 2 (at -5 s), carried into the first bucket;
    /// - [0, 10): 2 for 3 s, 4 for 4 s, 8 for 3 s → 46 / 10 = 4.6;
    /// - [10, 20): 8 carried in for 5 s, then 0 for 5 s → 40 / 10 = 4;
    /// - [20, 30): no sample, left out;
    /// - [30, 35) (cut by the range's end): 0 carried in for 2 s, 10 for 3 s → 30 / 5 = 6.
    /// A series with nothing before its first sample weighs from that sample on: 10 for 4 s, 20 for 4 s → 15.
    /// A range starting inside a bucket clips it, and the sample before the range carries in even from the
    /// same bucket: over [5 s, 10 s), 4 (from 3 s) for 2 s, then 8 for 3 s → 32 / 5 = 6.4.
    @Test(
        "twa weighs each value by how long it held, with the value before a bucket carried in",
        arguments: TelemetryBackend.available)
    func timeWeightedAverage(backend: TelemetryBackend) async throws {
        let setpoint = contractTag("hall-4/kiln/setpoint")
        let valve = contractTag("hall-4/kiln/valve")
        let s = T.second
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(
                    tag: setpoint,
                    points: [
                        point(-5 * s, .double(2)), point(3 * s, .double(4)), point(7 * s, .double(8)),
                        point(15 * s, .double(0)), point(32 * s, .double(10)), point(37 * s, .double(99)),
                    ]),
                SeriesPoints(tag: valve, points: [point(2 * s, .int(10)), point(6 * s, .int(20))]),
            ])
            let answer = try await store.read(
                BucketQuery(tags: [setpoint, valve], range: T.range(0, 35 * s), width: 10 * s, aggregate: .twa))
            #expect(answer.map(\.tag) == [setpoint, valve])
            let steps = try #require(answer.first?.points)
            #expect(steps.map(\.timestamp) == [0, 10 * s, 30 * s].map { T.base + $0 })
            let expected = [4.6, 4, 6]
            for (step, wanted) in zip(steps, expected) {
                guard case .double(let value) = step.value else {
                    Issue.record("twa answered \(step.value)")
                    continue
                }
                #expect(
                    abs(value - wanted) < 1e-9, "bucket at +\((step.timestamp - T.base) / s) s: \(value) ≠ \(wanted)")
            }
            let valveSteps = try #require(answer.last?.points)
            #expect(valveSteps.map(\.timestamp) == [T.base])
            if case .double(let value) = valveSteps.first?.value {
                #expect(abs(value - 15) < 1e-9)
            } else {
                Issue.record("twa of an int series answered \(String(describing: valveSteps.first?.value))")
            }
            let clipped = try await store.read(
                BucketQuery(tags: [setpoint], range: T.range(5 * s, 10 * s), width: 10 * s, aggregate: .twa))
            #expect(clipped.first?.points.map(\.timestamp) == [T.base])
            if case .double(let value) = clipped.first?.points.first?.value {
                #expect(abs(value - 6.4) < 1e-9, "\(value) ≠ 6.4")
            } else {
                Issue.record("twa over a clipped bucket answered \(String(describing: clipped.first?.points))")
            }
        }
    }

    @Test(
        "buckets start at multiples of their width since the epoch, whatever the range's start",
        arguments: TelemetryBackend.available)
    func bucketStartsAlign(backend: TelemetryBackend) async throws {
        let tag = contractTag("hall-4/kiln/fan-speed")
        let offsets: [Int64] = [3_600, 61_234, 179_999, 200_001]
        try await backend.withStore { store in
            try await store.append([SeriesPoints(tag: tag, points: offsets.map { point($0, .double(Double($0))) })])
            for width: Int64 in [1_000, 7_000, 60_000, 86_400_000] {
                let answer = try await store.read(
                    BucketQuery(tags: [tag], range: T.range(3_500, 4 * T.minute), width: width, aggregate: .count))
                let starts = answer.first?.points.map(\.timestamp) ?? []
                let wanted = Array(Set(offsets.map { (T.base + $0) / width * width })).sorted()
                #expect(starts == wanted, "width \(width)")
                #expect(starts.allSatisfy { $0 % width == 0 }, "width \(width)")
            }
        }
    }

    @Test("latest answers the newest point per known tag, in the order asked", arguments: TelemetryBackend.available)
    func latestOverSeveralTags(backend: TelemetryBackend) async throws {
        let level = contractTag("hall-5/tank/level")
        let alarm = contractTag("hall-5/tank/alarm")
        let phase = contractTag("hall-5/tank/phase")
        let unknown = contractTag("hall-5/tank/not-there")
        let s = T.second
        try await backend.withStore { store in
            #expect(try await store.latest([unknown]).isEmpty)
            try await store.append([
                SeriesPoints(
                    tag: level,
                    points: [point(10 * s, .double(1)), point(30 * s, .double(3)), point(20 * s, .double(2))]),
                SeriesPoints(
                    tag: alarm, points: [point(5 * s, .bool(false)), point(6 * s, .bool(true), Quality(.bad))]),
                SeriesPoints(tag: phase, points: [point(1 * s, .string("fill"))]),
            ])
            var latest = try await store.latest([alarm, unknown, level, phase])
            #expect(
                latest == [
                    SeriesPoints(tag: alarm, points: [point(6 * s, .bool(true), Quality(.bad))]),
                    SeriesPoints(tag: level, points: [point(30 * s, .double(3))]),
                    SeriesPoints(tag: phase, points: [point(1 * s, .string("fill"))]),
                ])
            try await store.append([SeriesPoints(tag: level, points: [point(45 * s, .double(4.5))])])
            latest = try await store.latest([level])
            #expect(latest == [SeriesPoints(tag: level, points: [point(45 * s, .double(4.5))])])
        }
    }

    @Test(
        "downsampling keeps the global extremes, real points in time order, at most maxPoints",
        arguments: TelemetryBackend.available)
    func downsampleKeepsPeaks(backend: TelemetryBackend) async throws {
        let vibration = contractTag("hall-6/mill/vibration")
        let load = contractTag("hall-6/mill/load")
        let points = (0..<1_000).map { index -> TelemetryPoint in
            let value: Double =
                switch index {
                case 537: 1_000
                case 212: -1_000
                default: sin(Double(index) / 20) * 10
                }
            return point(Int64(index) * T.second, .double(value))
        }
        let loads = (0..<10).map { point(Int64($0) * T.second, .int(Int64($0 * $0))) }
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(tag: vibration, points: points), SeriesPoints(tag: load, points: loads),
            ])
            let byTimestamp = Dictionary(uniqueKeysWithValues: points.map { ($0.timestamp, $0) })
            for maxPoints in [4, 20, 101] {
                let answer = try await store.read(
                    DownsampleQuery(
                        tags: [vibration], range: T.range(-T.minute, 1_001 * T.second), maxPoints: maxPoints))
                let thinned = try #require(answer.first?.points)
                #expect(thinned.count <= maxPoints, "maxPoints \(maxPoints)")
                #expect(thinned.count >= 2, "maxPoints \(maxPoints)")
                #expect(zip(thinned, thinned.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp })
                #expect(thinned.allSatisfy { byTimestamp[$0.timestamp] == $0 }, "only points that were appended")
                #expect(thinned.contains(points[537]) && thinned.contains(points[212]), "maxPoints \(maxPoints)")
            }
            let few = try await store.read(
                DownsampleQuery(tags: [load], range: T.range(0, 10 * T.second), maxPoints: 100))
            #expect(few == [SeriesPoints(tag: load, points: loads)], "fewer points than pixels come back whole")
        }
    }
}
