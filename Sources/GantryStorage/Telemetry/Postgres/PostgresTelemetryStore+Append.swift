import GantryCore
import PostgresKit

extension PostgresTelemetryStore {
    /// Appends the batch in one transaction: lock the series rows, check every point, COPY the rows into the
    /// session's staging table, merge them into `telemetry_samples` (`ON CONFLICT … DO UPDATE`, so the last
    /// write wins), move each series' newest timestamp, commit.
    ///
    /// COPY uses the text format: postgres-nio 1.33.2 offers no other through `copyFrom`.
    ///
    /// - Complexity: O(n) in the points of the batch, plus one round trip per statement (about eight).
    public func append(_ batch: [SeriesPoints]) async throws {
        try await state.checkOpen()
        let plan = try AppendPlan(batch)
        guard !plan.isEmpty else { return }
        try await connections.run("append \(batch.reduce(0) { $0 + $1.points.count }) samples") {
            // A deadlock between two batches or a partition another node just dropped ends the attempt
            // without effect; the second attempt finds its locks or recreates the partition.
            var attempt = 1
            while true {
                do {
                    try await ensurePartitions(for: plan)
                    try await connections.transaction { connection in try await write(plan, connection) }
                    return
                } catch  where attempt < 3 && Self.isWorthRetrying(error) {
                    logger.debug(
                        "telemetry append retried",
                        metadata: ["telemetry.sqlstate": "\(TelemetryConnections.sqlState(of: error) ?? "")"])
                    await state.forget(plan.days)
                    attempt += 1
                }
            }
        }
    }

    /// Makes the day partitions the batch needs, after a first check of the batch so a refused batch leaves
    /// no empty partitions behind. Each runs in its own short transaction, ahead of the write.
    private func ensurePartitions(for plan: AppendPlan) async throws {
        guard managesPartitions else { return }
        let missing = await state.missing(plan.days)
        guard !missing.isEmpty else { return }
        try await connections.withConnection { connection in
            let (stored, now) = try await Self.catalog(plan.tags, connection, logger: logger)
            let clock = try await Self.serverClock(now, connection, logger: logger)
            _ = try plan.validate(
                against: stored, now: clock, outOfOrderWindow: outOfOrderWindow, futureBound: futureBound)
        }
        try await connections.transaction { connection in
            try await PostgresTelemetrySchema.createPartitions(missing, connection, logger: logger)
        }
        await state.remember(missing)
    }

    /// Everything of one append inside its transaction.
    private func write(_ plan: AppendPlan, _ connection: PostgresConnection) async throws {
        var (stored, now) = try await Self.catalog(plan.tags, connection, logger: logger, lock: true)
        let unknown = plan.tags.filter { stored[$0] == nil }
        if !unknown.isEmpty {
            let types = unknown.map { plan.firstType(of: $0)?.rawValue ?? "" }
            let created = try await connection.query(
                """
                INSERT INTO telemetry_series (tag, data_type)
                SELECT tag, data_type FROM unnest(\(unknown)::text[], \(types)::text[]) AS n(tag, data_type)
                ORDER BY tag
                ON CONFLICT (tag) DO NOTHING
                RETURNING statement_timestamp(), id, tag
                """, logger: logger)
            for try await (clock, id, tag) in created.decode((PostgresMilliseconds, Int32, String).self) {
                now = clock.milliseconds
                stored[tag] = StoredSeries(id: id, dataType: nil, newest: nil)
            }
            // Tags another transaction created meanwhile: lock them as they now are.
            let raced = unknown.filter { stored[$0] == nil }
            if !raced.isEmpty {
                let (series, _) = try await Self.catalog(raced, connection, logger: logger, lock: true)
                stored.merge(series) { $1 }
            }
        }
        let clock = try await Self.serverClock(now, connection, logger: logger)
        let newest = try plan.validate(
            against: stored, now: clock, outOfOrderWindow: outOfOrderWindow, futureBound: futureBound)

        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (
                series_id integer NOT NULL, ts bigint NOT NULL, quality integer NOT NULL,
                value double precision, int_value bigint, text_value text
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        let ids = stored.mapValues(\.id)
        try await connection.copyFrom(
            table: "telemetry_staging", columns: StagingRow.columns, format: .text(.init()), logger: logger
        ) { writer in
            try await plan.copyText(ids: ids) { text in try await writer.write(ByteBuffer(string: text)) }
        }
        try await connection.query(
            """
            INSERT INTO telemetry_samples (series_id, ts, quality, value, int_value, text_value)
            SELECT series_id, timestamptz 'epoch' + ts * interval '1 millisecond', quality, value, int_value,
                text_value
            FROM telemetry_staging
            ON CONFLICT (series_id, ts) DO UPDATE SET quality = excluded.quality, value = excluded.value,
                int_value = excluded.int_value, text_value = excluded.text_value
            """, logger: logger)

        // Only series whose newest moved or whose type is set by this batch get a new row version.
        var changedIDs: [Int32] = []
        var changedTypes: [String] = []
        var changedNewest: [Int64] = []
        for tag in plan.tags {
            guard let series = stored[tag], let latest = newest[tag] else { continue }
            if series.dataType == nil || series.newest.map({ latest > $0 }) ?? true {
                changedIDs.append(series.id)
                changedTypes.append(series.dataType?.rawValue ?? plan.firstType(of: tag)?.rawValue ?? "")
                changedNewest.append(latest)
            }
        }
        guard !changedIDs.isEmpty else { return }
        try await connection.query(
            """
            UPDATE telemetry_series AS s
            SET data_type = coalesce(s.data_type, u.data_type),
                newest = greatest(s.newest, timestamptz 'epoch' + u.newest * interval '1 millisecond')
            FROM unnest(\(changedIDs)::integer[], \(changedTypes)::text[], \(changedNewest)::bigint[])
                AS u(id, data_type, newest)
            WHERE s.id = u.id
            """, logger: logger)
    }

    /// Deadlocks and serialization failures resolve on a second try; so does a write into a partition that
    /// another node dropped after this one last looked (`no partition of relation … found for row`).
    static func isWorthRetrying(_ error: any Error) -> Bool {
        switch TelemetryConnections.sqlState(of: error) {
        case "40P01", "40001", "23514": true
        default: false
        }
    }
}
