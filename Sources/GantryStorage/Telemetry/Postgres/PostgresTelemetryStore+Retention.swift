import GantryCore
import PostgresKit

extension PostgresTelemetryStore {
    /// Applies `rules` as of `now`: a series under a rule keeps its points from `now - keep` on; a series no
    /// rule covers keeps everything.
    ///
    /// A day partition is dropped whole (its files are deleted, so the disk really shrinks) once none of its
    /// rows is still kept by its series' rule; that check is one index probe per series that may keep some. In the
    /// partitions that stay, the expired rows of the series whose horizon falls after the day's start are
    /// deleted (their space is reused by later rows; `VACUUM FULL` would give it back). Expired waveforms are
    /// deleted the same way. The report counts dropped partitions plus deleted rows, and the bytes of the
    /// dropped partitions.
    public func applyRetention(_ rules: [RetentionRule], now: Int64) async throws -> RetentionReport {
        try await state.checkOpen()
        if let rule = rules.first(where: { $0.keep <= 0 }) {
            throw TelemetryError(
                .invalidQuery, "the retention rule for '\(rule.prefix)' must keep a positive time, not \(rule.keep) ms")
        }
        guard !rules.isEmpty else { return RetentionReport(droppedChunks: 0, freedBytes: 0) }
        return try await connections.run("apply retention") {
            let horizons = try await connections.withConnection { connection in
                try await Self.horizons(rules, now: now, connection, logger: logger)
            }
            guard !horizons.expiring.isEmpty else { return RetentionReport(droppedChunks: 0, freedBytes: 0) }
            var report = RetentionReport(droppedChunks: 0, freedBytes: 0)
            if managesPartitions {
                let days = try await connections.withConnection { connection in
                    try await PostgresTelemetrySchema.partitions(connection, logger: logger)
                }
                for day in days.sorted() where day.start < horizons.latest {
                    let (dropped, rows, bytes) = try await expire(day, horizons)
                    report.droppedChunks += (dropped ? 1 : 0) + rows
                    report.freedBytes += bytes
                }
            } else {
                report.droppedChunks += try await deleteExpired(
                    in: "telemetry_samples", column: "ts", horizons.expiring)
            }
            report.droppedChunks += try await deleteExpired(
                in: "telemetry_waveforms", column: "start", horizons.expiring)
            logger.info(
                "telemetry retention applied",
                metadata: [
                    "telemetry.removed": "\(report.droppedChunks)", "telemetry.freed_bytes": "\(report.freedBytes)",
                ])
            return report
        }
    }

    /// Drops `day`'s partition if nothing in it is still needed, else deletes its expired rows.
    private func expire(
        _ day: SamplePartitionDay, _ horizons: Horizons
    ) async throws -> (dropped: Bool, rows: Int, bytes: Int64) {
        // Series that may keep part of this day (no rule, or a horizon before the day's end), each with the
        // first millisecond it keeps: the day is still needed if one of them has a row from then on.
        let keeping =
            horizons.keepingAll.map { ($0, SamplePartitionDay.earliestTimestamp) }
            + horizons.expiring.filter { $0.value < day.end }.map { ($0.key, $0.value) }
        let keepingIDs = keeping.map(\.0)
        let keptFrom = keeping.map(\.1)
        let table = day.tableName
        enum Outcome { case gone, needed, dropped(bytes: Int64) }
        let outcome: Outcome = try await connections.transaction { connection in
            // Dropping takes an ACCESS EXCLUSIVE lock on telemetry_samples: wait for long readers a while,
            // not forever (and not with every later query queued behind this one).
            try await connection.query("SET LOCAL lock_timeout = '10s'", logger: logger)
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresTelemetrySchema.lockKey))", logger: logger)
            let sizes = try await connection.column(
                "SELECT pg_total_relation_size(to_regclass(\(table)))", as: Int64?.self, logger: logger)
            // Another node may have dropped it since the list was read.
            guard let size = sizes.first ?? nil else { return .gone }
            let needed = try await connection.column(
                """
                SELECT EXISTS (
                    SELECT 1 FROM unnest(\(keepingIDs)::integer[], \(keptFrom)::bigint[]) AS k(id, kept_from)
                    WHERE EXISTS (SELECT 1 FROM \(unescaped: table) t WHERE t.series_id = k.id
                        AND t.ts >= timestamptz 'epoch' + k.kept_from * interval '1 millisecond'))
                """, as: Bool.self, logger: logger)
            guard needed.first == false else { return .needed }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"), logger: logger)
            return .dropped(bytes: size)
        }
        switch outcome {
        case .gone:
            await state.forget([day])
            return (false, 0, 0)
        case .dropped(let bytes):
            await state.forget([day])
            logger.debug("telemetry partition dropped", metadata: ["telemetry.partition": "\(table)"])
            return (true, 0, bytes)
        case .needed:
            let expiring = horizons.expiring.filter { $0.value > day.start }
            return (false, try await deleteExpired(in: table, column: "ts", expiring), 0)
        }
    }

    /// Deletes the rows of `table` older than their series' horizon; answers how many.
    private func deleteExpired(in table: String, column: String, _ expiring: [Int32: Int64]) async throws -> Int {
        guard !expiring.isEmpty else { return 0 }
        let ids = Array(expiring.keys)
        let horizons = ids.map { expiring[$0]! }
        return try await connections.transaction { connection in
            let rows = try await connection.query(
                """
                WITH removed AS (
                    DELETE FROM \(unescaped: table) t
                    USING unnest(\(ids)::integer[], \(horizons)::bigint[]) AS h(id, horizon)
                    WHERE t.series_id = h.id
                        AND t.\(unescaped: column) < timestamptz 'epoch' + h.horizon * interval '1 millisecond'
                    RETURNING 1
                )
                SELECT count(*) FROM removed
                """, logger: logger)
            var count = 0
            for try await removed in rows.decode(Int64.self) { count = Int(removed) }
            return count
        }
    }

    /// Each series' horizon under `rules`.
    private static func horizons(
        _ rules: [RetentionRule], now: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Horizons {
        var horizons = Horizons()
        let rows = try await connection.query("SELECT id, tag FROM telemetry_series", logger: logger)
        for try await (id, tag) in rows.decode((Int32, String).self) {
            guard let path = try? TagPath(tag), let rule = RetentionRule.rule(for: path, in: rules) else {
                horizons.keepingAll.append(id)
                continue
            }
            let (horizon, overflow) = now.subtractingReportingOverflow(rule.keep)
            // Clamped to what a timestamptz holds; a horizon before year 1 expires nothing.
            let clamped = overflow ? Int64.min : min(horizon, SamplePartitionDay.latestTimestamp + 1)
            guard clamped > SamplePartitionDay.earliestTimestamp else {
                horizons.keepingAll.append(id)
                continue
            }
            horizons.expiring[id] = clamped
        }
        return horizons
    }
}

/// Up to when each series' points expire.
private struct Horizons {
    /// Series no rule covers (or whose rule reaches back before year 1): they keep every point.
    var keepingAll: [Int32] = []
    /// Series id → the first millisecond kept.
    var expiring: [Int32: Int64] = [:]
    /// The latest horizon: no partition starting at or after it has anything to expire.
    var latest: Int64 { expiring.values.max() ?? .min }
}
