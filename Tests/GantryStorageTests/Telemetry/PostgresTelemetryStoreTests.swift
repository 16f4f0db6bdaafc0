import GantryCore
import GantryTesting
import Logging
import Testing

@testable import GantryStorage

/// What the PostgreSQL backend does behind the contract: its day partitions, dropping them, running on a
/// table someone else partitions, concurrent writers, and an unreachable server.
@Suite("PostgreSQL telemetry store", .serialized, .enabled(if: TelemetryBackend.available.contains(.postgres)))
struct PostgresTelemetryStoreTests {
    typealias T = ContractTime
    private static let logger = Logger(label: "test-telemetry")

    /// Runs `body` with a store on `database`, closed whatever happens (a pool left open traps when freed).
    private static func withStore(
        _ database: PostgresTestDatabase, _ body: (PostgresTelemetryStore) async throws -> Void
    ) async throws {
        let store = try await PostgresTelemetryStore.open(url: database.url, logger: logger)
        let outcome: Result<Void, any Error>
        do {
            outcome = .success(try await body(store))
        } catch {
            outcome = .failure(error)
        }
        try await store.close()
        try outcome.get()
    }

    private static func partitionNames(_ database: PostgresTestDatabase) async throws -> [String] {
        try await database.column(
            """
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'telemetry_samples'::regclass ORDER BY 1
            """
        ).compactMap { $0 }
    }

    @Test("samples land in one partition per UTC day, made only for accepted batches")
    func partitionsFollowUTCDays() async throws {
        try await PostgresTestDatabase.withFresh { database in
            try await Self.withStore(database) { store in
                let tag = contractTag("pg/partition/temperature")
                let timestamps = [-3 * T.day, -2 * T.day - 1, -2 * T.day, 0].map { T.base + $0 }
                try await store.append([
                    SeriesPoints(tag: tag, points: timestamps.map { TelemetryPoint(timestamp: $0, value: .double(1)) })
                ])
                let expected = Set(timestamps.map { SamplePartitionDay(containing: $0).tableName }).sorted()
                #expect(try await Self.partitionNames(database) == expected)

                // A refused batch for a new day (a point far in the future) makes no partition.
                await expectRefusal(.inFuture, "a point ten days ahead") {
                    try await store.append([
                        SeriesPoints(
                            tag: tag, points: [TelemetryPoint(timestamp: T.base + 10 * T.day, value: .double(2))])
                    ])
                }
                #expect(try await Self.partitionNames(database) == expected)
            }
        }
    }

    @Test("retention drops whole partitions when nothing in them is kept, and reports their bytes")
    func retentionDropsPartitions() async throws {
        try await PostgresTestDatabase.withFresh { database in
            try await Self.withStore(database) { store in
                let short = contractTag("pg/retention/short")
                let long = contractTag("pg/retention/long")
                // Noon of yesterday (UTC): in the past, and half a day from either partition boundary.
                let noon = SamplePartitionDay(containing: T.base).start - T.day / 2
                let days: [Int64] = [-9, -8, -7, -3, 0]
                let points = days.map { TelemetryPoint(timestamp: noon + $0 * T.day, value: .double(Double($0))) }
                try await store.append([
                    SeriesPoints(tag: short, points: points), SeriesPoints(tag: long, points: points),
                ])
                let oldBlock = Waveform(tag: short, start: noon - 9 * T.day, sampleRate: 100, values: [1, 2])
                let newBlock = Waveform(tag: short, start: noon, sampleRate: 100, values: [3])
                try await store.append(waveforms: [oldBlock, newBlock])
                #expect(try await Self.partitionNames(database).count == 5)

                let rules = [
                    RetentionRule(prefix: "contract-plant/pg/retention", keep: 5 * T.day),
                    // `long`'s horizon falls inside the day 9 days back, after its row there: that day still goes.
                    RetentionRule(prefix: "contract-plant/pg/retention/long", keep: 8 * T.day + 13 * T.hour),
                ]
                let report = try await store.applyRetention(rules, now: noon)
                // The day 9 days back holds only expired rows and goes whole; 8 and 7 days back still hold `long`
                // rows, so only `short`'s rows go there.
                let remaining = try await Self.partitionNames(database)
                #expect(
                    remaining == [-8, -7, -3, 0].map { SamplePartitionDay(containing: noon + $0 * T.day).tableName })
                #expect(report.freedBytes > 0)
                #expect(report.droppedChunks == 1 + 2 + 1, "a partition, two rows of `short`, one waveform")
                #expect(try await store.waveforms(short, in: T.range(-30 * T.day, T.hour), limit: 10) == [newBlock])
                let all = T.range(-30 * T.day, T.hour)
                #expect(try await rawPoints(store, short, all).map(\.timestamp) == [-3, 0].map { noon + $0 * T.day })
                #expect(
                    try await rawPoints(store, long, all).map(\.timestamp) == [-8, -7, -3, 0].map { noon + $0 * T.day })

                // Once `long` expires there too, its partitions go.
                _ = try await store.applyRetention(rules, now: noon + 2 * T.day)
                #expect(try await Self.partitionNames(database).count == 2)
            }
        }
    }

    /// The first half of the TimescaleDB takeover in `docs/format/postgres-telemetry.md`: the samples move to a
    /// plain table of the same shape, which `create_hypertable` would then convert in place.
    @Test("a store on a samples table someone else partitions keeps working, with retention by rows")
    func runsOnTakenOverTable() async throws {
        try await PostgresTestDatabase.withFresh { database in
            let tag = contractTag("pg/takeover/pressure")
            let before = [-2 * T.day, -T.hour].map { TelemetryPoint(timestamp: T.base + $0, value: .int($0)) }
            try await Self.withStore(database) { store in
                #expect(store.managesPartitions)
                try await store.append([SeriesPoints(tag: tag, points: before)])
            }
            try await database.execute([
                "LOCK TABLE telemetry_samples IN ACCESS EXCLUSIVE MODE",
                "ALTER TABLE telemetry_samples RENAME TO telemetry_samples_by_day",
                "CREATE TABLE telemetry_samples (LIKE telemetry_samples_by_day INCLUDING ALL)",
                "INSERT INTO telemetry_samples SELECT * FROM telemetry_samples_by_day",
                "DROP TABLE telemetry_samples_by_day",
            ])
            try await Self.withStore(database) { store in
                #expect(!store.managesPartitions)
                let after = TelemetryPoint(timestamp: T.base, value: .int(0))
                try await store.append([SeriesPoints(tag: tag, points: [after])])
                #expect(try await rawPoints(store, tag, T.range(-3 * T.day, T.hour)) == before + [after])
                let report = try await store.applyRetention(
                    [RetentionRule(prefix: tag.description, keep: T.day)], now: T.base)
                #expect(report.droppedChunks == 1)
                #expect(try await rawPoints(store, tag, T.range(-3 * T.day, T.hour)) == [before[1], after])
                #expect(try await Self.partitionNames(database).isEmpty)
            }
        }
    }

    @Test("writers racing to create the same series all land")
    func concurrentWritersOfNewSeries() async throws {
        try await PostgresTestDatabase.withFresh { database in
            try await Self.withStore(database) { store in
                let tags = (0..<20).map { contractTag("pg/race/tag-\($0)") }
                let writers = 8
                let batches = 5
                try await withThrowingTaskGroup { group in
                    for writer in 0..<writers {
                        group.addTask {
                            for batch in 0..<batches {
                                let timestamp = T.base + Int64(batch * writers + writer)
                                try await store.append(
                                    tags.shuffled().map {
                                        SeriesPoints(
                                            tag: $0, points: [TelemetryPoint(timestamp: timestamp, value: .double(1))])
                                    })
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let page = try await store.read(RawQuery(tags: tags, range: T.range(0, T.hour), limit: 10_000))
                #expect(page.series.map(\.points.count) == Array(repeating: writers * batches, count: tags.count))
            }
        }
    }

    @Test("an unreachable server is reported as unavailable, without the password")
    func unreachableServer() async throws {
        do {
            _ = try await PostgresTelemetryStore.open(
                url: "postgres://gantry:top-secret@127.0.0.1:1/gantry?sslmode=disable", logger: Self.logger)
            Issue.record("a store opened on a closed port")
        } catch let error as TelemetryError {
            #expect(error.code == .unavailable)
            #expect(!error.message.contains("top-secret"), "\(error.message)")
            #expect(error.message.contains("127.0.0.1:1"), "\(error.message)")
        }
    }
}

@Suite("PostgreSQL telemetry pieces")
struct PostgresTelemetryPieceTests {
    @Test(
        "UTC days name and bound their partitions, both ways",
        arguments: [
            (Int64(0), "telemetry_samples_p19700101", "1970-01-01 00:00:00+00"),
            (-1, "telemetry_samples_p19691231", "1969-12-31 00:00:00+00"),
            (951_825_600_000, "telemetry_samples_p20000229", "2000-02-29 00:00:00+00"),
            (1_709_251_199_999, "telemetry_samples_p20240229", "2024-02-29 00:00:00+00"),
            (SamplePartitionDay.earliestTimestamp, "telemetry_samples_p00010101", "0001-01-01 00:00:00+00"),
            (SamplePartitionDay.latestTimestamp, "telemetry_samples_p99991231", "9999-12-31 00:00:00+00"),
        ])
    func partitionDays(timestamp: Int64, name: String, literal: String) {
        let day = SamplePartitionDay(containing: timestamp)
        #expect(day.tableName == name)
        #expect(day.literal == literal)
        #expect(day.start <= timestamp && timestamp < day.end)
        #expect(SamplePartitionDay(tableName: name) == day)
    }

    @Test("names that are not day partitions are not read as days")
    func foreignNames() {
        for name in [
            "telemetry_samples_p20230230", "telemetry_samples_p2023011", "_hyper_1_2_chunk", "telemetry_samples",
        ] {
            #expect(SamplePartitionDay(tableName: name) == nil, "\(name)")
        }
    }

    @Test("COPY text escapes what the format treats specially, and writes doubles PostgreSQL reads back exactly")
    func stagingRows() throws {
        #expect(StagingRow.escaped("plain") == "plain")
        #expect(StagingRow.escaped("a\tb\\c\r\nd\ne") == "a\\tb\\\\c\\r\\nd\\ne")
        #expect(StagingRow.literal(.nan) == "NaN")
        #expect(StagingRow.literal(-.infinity) == "-Infinity")
        #expect(Double(StagingRow.literal(0.1 + 0.2)) == 0.1 + 0.2)
        var line = ""
        let quality = Quality(.bad, subCode: 1)
        StagingRow.append(
            seriesID: 7, point: TelemetryPoint(timestamp: -5, value: .bool(true), quality: quality), to: &line)
        #expect(line == "7\t-5\t\(Int32(bitPattern: quality.statusCode))\t\\N\t1\t\\N\n")
    }

    @Test("a batch plan keeps the last point per timestamp and refuses strings with NUL")
    func appendPlan() async throws {
        let tag = try TagPath("site/area/line/flow")
        let plan = try AppendPlan([
            SeriesPoints(
                tag: tag,
                points: [
                    TelemetryPoint(timestamp: 10, value: .double(1)), TelemetryPoint(timestamp: 10, value: .double(2)),
                ]),
            SeriesPoints(tag: tag, points: [TelemetryPoint(timestamp: 20, value: .double(3))]),
        ])
        var text = ""
        try await plan.copyText(ids: [tag.description: 1]) { text += $0 }
        #expect(Set(text.split(separator: "\n")) == ["1\t10\t0\t2.0\t\\N\t\\N", "1\t20\t0\t3.0\t\\N\t\\N"])
        let newest = try plan.validate(against: [:], now: 0, outOfOrderWindow: 60_000, futureBound: 300_000)
        #expect(newest == [tag.description: 20])
        #expect(throws: TelemetryError.self) {
            try AppendPlan([SeriesPoints(tag: tag, points: [TelemetryPoint(timestamp: 0, value: .string("a\u{0}b"))])])
        }
    }
}
