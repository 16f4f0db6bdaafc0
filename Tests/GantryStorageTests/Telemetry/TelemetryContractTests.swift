import GantryCore
import GantryStorage
import GantryTesting
import Testing

/// The behaviour every ``TelemetryStore`` backend keeps, tested through the protocol only.
///
/// Queries live in `TelemetryContractTests+Queries.swift`, refusals in `+Refusals.swift`, and reopening,
/// retention and waveforms in `+Lifecycle.swift`.
///
/// Serialized: each test holds a database and a connection pool, and beside the other suites running in
/// parallel they would exceed the test server's 100 connections.
@Suite("Telemetry store contract", .serialized)
struct TelemetryContractTests {
    typealias T = ContractTime

    @Test(
        "points of all four types read back with their qualities, tag by tag in the order asked",
        arguments: TelemetryBackend.available)
    func appendAndReadAllTypes(backend: TelemetryBackend) async throws {
        let temperature = contractTag("hall-1/oven/temperature")
        let count = contractTag("hall-1/oven/count")
        let running = contractTag("hall-1/oven/running")
        let state = contractTag("hall-1/oven/state")
        let batch = [
            SeriesPoints(
                tag: temperature,
                points: [
                    point(123, .double(21.5)),
                    point(1_123, .double(-0.1 - 0.2), Quality(.uncertain, subCode: 5)),
                    point(2_000, .double(1e-300), Quality(statusCode: 0x80AB_00FF)),
                    point(3_001, .double(.pi)),
                ]),
            SeriesPoints(
                tag: count,
                points: [
                    point(0, .int(.max)), point(500, .int(.min), Quality(.bad, subCode: 0x3FFF)), point(999, .int(-7)),
                ]),
            SeriesPoints(tag: running, points: [point(10, .bool(true)), point(20, .bool(false), Quality(.bad))]),
            SeriesPoints(
                tag: state,
                points: [
                    point(1, .string("running")), point(2, .string("tab\there, back\\slash, line\nbreak\r\n, 日本")),
                    point(3, .string("")),
                ]),
        ]
        try await backend.withStore { store in
            try await store.append(batch)
            let asked = [running, state, temperature, count]
            let page = try await store.read(RawQuery(tags: asked, range: T.range(0, T.hour)))
            #expect(page.next == nil)
            #expect(page.series.map(\.tag) == asked)
            for series in batch {
                let answered = page.series.first { $0.tag == series.tag }
                #expect(answered?.points == series.points.sorted { $0.timestamp < $1.timestamp }, "\(series.tag)")
            }
        }
    }

    @Test("pages of raw points cover every point exactly once", arguments: TelemetryBackend.available)
    func pagingCoversEveryPointOnce(backend: TelemetryBackend) async throws {
        let a = contractTag("hall-2/press/force")
        let b = contractTag("hall-2/press/stroke")
        let unknown = contractTag("hall-2/press/never-written")
        let c = contractTag("hall-2/press/mode")
        // Spread over three UTC days, so pages cross day boundaries as well as tags.
        let aPoints = (0..<7).map { point(-2 * T.day + Int64($0) * 8 * T.hour, .double(Double($0))) }
        let bPoints = (0..<5).map { point(Int64($0) * T.second, .int(Int64($0) * 10)) }
        let cPoints = (0..<4).map { point(Int64($0) * T.minute, .string("mode-\($0)")) }
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(tag: a, points: aPoints), SeriesPoints(tag: b, points: bPoints),
                SeriesPoints(tag: c, points: cPoints),
            ])
            let expected =
                aPoints.map { (a, $0) } + bPoints.map { (b, $0) } + cPoints.map { (c, $0) }
            let range = T.range(-3 * T.day, T.hour)
            for limit in [1, 3, 4, 16, 100] {
                let (points, pages) = try await readAllPages(store, [a, unknown, b, c], range, limit: limit)
                #expect(points.map(\.tag) == expected.map(\.0), "limit \(limit)")
                #expect(points.map(\.point) == expected.map(\.1), "limit \(limit)")
                #expect(pages.allSatisfy { $0.series.reduce(0) { $0 + $1.points.count } <= limit }, "limit \(limit)")
                #expect(pages.count == (expected.count + limit - 1) / limit, "limit \(limit): no empty last page")
                #expect(pages.dropLast().allSatisfy { $0.next != nil } && pages.last?.next == nil)
            }
            // A cursor survives as a client token.
            let first = try await store.read(RawQuery(tags: [a, unknown, b, c], range: range, limit: 9))
            let token = try #require(first.next).token
            let second = try await store.read(
                RawQuery(tags: [a, unknown, b, c], range: range, limit: 9, after: try RawCursor(token: token)))
            #expect(second.series.flatMap(\.points) == Array(expected.map(\.1)[9...]))
        }
    }

    @Test("points within the out-of-order window merge into time order", arguments: TelemetryBackend.available)
    func outOfOrderWithinWindowMergedInOrder(backend: TelemetryBackend) async throws {
        let tag = contractTag("hall-3/pump/pressure")
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(tag: tag, points: [point(10 * T.second, .double(1)), point(40 * T.second, .double(4))])
            ])
            try await store.append([SeriesPoints(tag: tag, points: [point(25 * T.second, .double(2.5))])])
            try await store.append([
                SeriesPoints(
                    tag: tag, points: [point(12 * T.second, .double(1.2)), point(41 * T.second, .double(4.1))])
            ])
            let points = try await rawPoints(store, tag, T.range(0, T.hour))
            #expect(points.map(\.timestamp) == [10, 12, 25, 40, 41].map { T.base + $0 * T.second })
            #expect(points.map(\.value) == [1, 1.2, 2.5, 4, 4.1].map { SampleValue.double($0) })
        }
    }

    @Test(
        "a second write of a timestamp replaces the first, within a batch and across batches",
        arguments: TelemetryBackend.available)
    func duplicateTimestampsLastWriteWins(backend: TelemetryBackend) async throws {
        let tag = contractTag("hall-3/pump/flow")
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(
                    tag: tag, points: [point(0, .double(1)), point(T.second, .double(5)), point(0, .double(2))]),
                SeriesPoints(tag: tag, points: [point(T.second, .double(6), Quality(.uncertain))]),
            ])
            var points = try await rawPoints(store, tag, T.range(0, T.hour))
            #expect(points == [point(0, .double(2)), point(T.second, .double(6), Quality(.uncertain))])

            try await store.append([SeriesPoints(tag: tag, points: [point(0, .double(7), Quality(.bad, subCode: 9))])])
            points = try await rawPoints(store, tag, T.range(0, T.hour))
            #expect(
                points == [
                    point(0, .double(7), Quality(.bad, subCode: 9)), point(T.second, .double(6), Quality(.uncertain)),
                ])
            let latest = try await store.latest([tag])
            #expect(latest == [SeriesPoints(tag: tag, points: [point(T.second, .double(6), Quality(.uncertain))])])
        }
    }
}
