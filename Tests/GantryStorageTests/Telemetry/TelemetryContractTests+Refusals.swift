import GantryCore
import GantryStorage
import GantryTesting
import Testing

extension TelemetryContractTests {
    @Test("a batch with a point past the future bound is refused whole", arguments: TelemetryBackend.available)
    func futurePointRefusesBatch(backend: TelemetryBackend) async throws {
        let good = contractTag("hall-7/line/speed")
        let clock = contractTag("hall-7/line/clock-skewed")
        try await backend.withStore { store in
            await expectRefusal(.inFuture, "a point a day ahead") {
                try await store.append([
                    SeriesPoints(tag: good, points: [point(0, .double(1)), point(T.second, .double(2))]),
                    SeriesPoints(
                        tag: clock, points: [point(T.second, .double(3)), point(7 * T.hour + T.day, .double(4))]),
                ])
            }
            let stored = try await store.read(RawQuery(tags: [good, clock], range: T.range(-T.day, 2 * T.day)))
            #expect(stored.series.isEmpty)
            let latest = try await store.latest([good, clock])
            #expect(latest.isEmpty)
        }
    }

    @Test("a batch with a point behind the out-of-order window is refused whole", arguments: TelemetryBackend.available)
    func latePointRefusesBatch(backend: TelemetryBackend) async throws {
        let old = contractTag("hall-7/line/temperature")
        let other = contractTag("hall-7/line/humidity")
        try await backend.withStore { store in
            try await store.append([SeriesPoints(tag: old, points: [point(10 * T.minute, .double(20))])])
            await expectRefusal(.tooLate, "a point ten minutes behind its series") {
                try await store.append([
                    SeriesPoints(tag: other, points: [point(0, .double(50))]),
                    SeriesPoints(tag: old, points: [point(11 * T.minute, .double(21)), point(0, .double(19))]),
                ])
            }
            #expect(try await rawPoints(store, old, T.range(0, T.hour)) == [point(10 * T.minute, .double(20))])
            #expect(try await rawPoints(store, other, T.range(0, T.hour)).isEmpty)
            // Within one batch the newest so far counts too: 10 min after a point at 20 min is too late.
            await expectRefusal(.tooLate, "a point behind an earlier one of its batch") {
                try await store.append([
                    SeriesPoints(
                        tag: other, points: [point(20 * T.minute, .double(1)), point(10 * T.minute, .double(2))])
                ])
            }
            #expect(try await rawPoints(store, other, T.range(0, T.hour)).isEmpty)
        }
    }

    @Test(
        "a batch with a value of the wrong type is refused whole, and leaves no type behind",
        arguments: TelemetryBackend.available)
    func wrongTypeRefusesBatch(backend: TelemetryBackend) async throws {
        let speed = contractTag("hall-7/line/motor-speed")
        let fresh = contractTag("hall-7/line/new-tag")
        let mixed = contractTag("hall-7/line/mixed")
        try await backend.withStore { store in
            try await store.append([SeriesPoints(tag: speed, points: [point(0, .double(1450))])])
            await expectRefusal(.wrongType, "an int for a double series") {
                try await store.append([
                    SeriesPoints(tag: fresh, points: [point(0, .string("first"))]),
                    SeriesPoints(tag: speed, points: [point(T.second, .int(1500))]),
                ])
            }
            await expectRefusal(.wrongType, "two types in a new series") {
                try await store.append([SeriesPoints(tag: mixed, points: [point(0, .bool(true)), point(1, .int(1))])])
            }
            #expect(try await rawPoints(store, speed, T.range(0, T.hour)) == [point(0, .double(1450))])
            #expect(try await rawPoints(store, fresh, T.range(0, T.hour)).isEmpty)
            #expect(try await rawPoints(store, mixed, T.range(0, T.hour)).isEmpty)
            // The refused batch fixed no type: the new tag may still become an int series.
            try await store.append([SeriesPoints(tag: fresh, points: [point(0, .int(1))])])
            #expect(try await rawPoints(store, fresh, T.range(0, T.hour)) == [point(0, .int(1))])
        }
    }

    @Test("queries the store will not answer are refused as invalid", arguments: TelemetryBackend.available)
    func invalidQueriesRefused(backend: TelemetryBackend) async throws {
        let tag = contractTag("hall-8/robot/torque")
        let range = T.range(0, T.hour)
        try await backend.withStore { store in
            try await store.append([SeriesPoints(tag: tag, points: [point(0, .double(1))])])
            await expectRefusal(.invalidQuery, "no tags") { _ = try await store.read(RawQuery(tags: [], range: range)) }
            await expectRefusal(.invalidQuery, "limit 0") {
                _ = try await store.read(RawQuery(tags: [tag], range: range, limit: 0))
            }
            await expectRefusal(.invalidQuery, "limit over the maximum") {
                _ = try await store.read(RawQuery(tags: [tag], range: range, limit: RawQuery.maximumLimit + 1))
            }
            await expectRefusal(.invalidQuery, "a cursor of another query") {
                _ = try await store.read(
                    RawQuery(tags: [tag], range: range, after: RawCursor(tagIndex: 3, timestamp: T.base)))
            }
            await expectRefusal(.invalidQuery, "a bucket under a second") {
                _ = try await store.read(BucketQuery(tags: [tag], range: range, width: 999, aggregate: .avg))
            }
            await expectRefusal(.invalidQuery, "too many buckets") {
                _ = try await store.read(
                    BucketQuery(tags: [tag], range: T.range(0, 200 * T.day), width: T.second, aggregate: .max))
            }
            await expectRefusal(.invalidQuery, "a bucket query over all of time") {
                _ = try await store.read(
                    BucketQuery(
                        tags: [tag], range: try TimeRange(from: .min, to: .max), width: T.day, aggregate: .count))
            }
            await expectRefusal(.invalidQuery, "a bucket query without tags") {
                _ = try await store.read(BucketQuery(tags: [], range: range, width: T.second, aggregate: .avg))
            }
            await expectRefusal(.invalidQuery, "maxPoints 3") {
                _ = try await store.read(DownsampleQuery(tags: [tag], range: range, maxPoints: 3))
            }
            await expectRefusal(.invalidQuery, "an empty range") { _ = try TimeRange(from: T.base, to: T.base) }
            await expectRefusal(.invalidQuery, "a cursor token that was never issued") {
                _ = try RawCursor(token: "three.1700000000000")
            }
        }
    }
}
