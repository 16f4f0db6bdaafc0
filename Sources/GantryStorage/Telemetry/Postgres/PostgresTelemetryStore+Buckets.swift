import GantryCore
import PostgresKit

extension PostgresTelemetryStore {
    /// Buckets computed in PostgreSQL: `date_bin` puts each point in its bucket (origin aligned to the width,
    /// so buckets start at multiples of it since the epoch) and one GROUP BY per tag summarises them.
    ///
    /// Numbers are `value` or `int_value` as a double (bools count as 0 and 1). An answered point's quality is
    /// the worst of its bucket (the largest status code read unsigned: bad over uncertain over good); `first`
    /// and `last` keep their sample's own.
    public func read(_ query: BucketQuery) async throws -> [SeriesPoints] {
        try await state.checkOpen()
        let query = try query.validated()
        guard let range = Self.storable(query.range) else { return [] }
        return try await connections.run("read \(query.aggregate.rawValue) buckets") {
            try await connections.withConnection { connection in
                let tags = query.tags.map(\.description)
                let (catalog, _) = try await Self.catalog(tags, connection, logger: logger)
                if query.aggregate.isNumeric,
                    let text = tags.first(where: { catalog[$0]?.dataType == .string })
                {
                    throw TelemetryError(
                        .invalidQuery,
                        "'\(text)' holds strings; \(query.aggregate.rawValue) needs numbers (strings answer count, first and last)"
                    )
                }
                var answer: [SeriesPoints] = []
                for (tag, name) in zip(query.tags, tags) {
                    guard let series = catalog[name], let type = series.dataType else { continue }
                    let bucket = BucketSQL(query: query, seriesID: series.id, from: range.from, to: range.to)
                    let rows = try await connection.query(bucket.statement, logger: logger)
                    var points: [TelemetryPoint] = []
                    for try await row in rows {
                        points.append(try bucket.point(row, type: type, tag: name))
                    }
                    if !points.isEmpty { answer.append(SeriesPoints(tag: tag, points: points)) }
                }
                return answer
            }
        }
    }
}

/// The statement for one tag's buckets, and how its rows read back.
struct BucketSQL {
    let query: BucketQuery
    let seriesID: Int32
    let from: Int64
    let to: Int64

    /// A bucket origin at a multiple of the width before any storable timestamp: `date_bin` then floors
    /// correctly for every point, including those before 1970.
    private var origin: PostgresMilliseconds {
        PostgresMilliseconds(query.bucketStart(SamplePartitionDay.earliestTimestamp))
    }

    /// Every statement answers the bucket start first; then a number and a quality, or for first and last the
    /// sample's columns.
    var statement: PostgresQuery {
        let width = query.width
        let number = "coalesce(value, int_value::float8)"
        let worst = "max(quality::bigint & 4294967295)"
        let aggregate: String
        switch query.aggregate {
        case .avg: aggregate = "avg(\(number))"
        case .min: aggregate = "min(\(number))"
        case .max: aggregate = "max(\(number))"
        case .sum: aggregate = "sum(\(number))"
        case .count: aggregate = "count(*)"
        case .first, .last:
            return """
                SELECT DISTINCT ON (bucket) date_bin(\(width) * interval '1 millisecond', ts, \(origin)) AS bucket,
                    \(unescaped: SampleColumns.selectList)
                FROM telemetry_samples
                WHERE series_id = \(seriesID) AND ts >= \(PostgresMilliseconds(from)) AND ts < \(PostgresMilliseconds(to))
                ORDER BY bucket, ts \(unescaped: query.aggregate == .first ? "ASC" : "DESC")
                """
        case .twa:
            return twaStatement
        }
        return """
            SELECT date_bin(\(width) * interval '1 millisecond', ts, \(origin)) AS bucket, \(unescaped: aggregate),
                \(unescaped: worst)
            FROM telemetry_samples
            WHERE series_id = \(seriesID) AND ts >= \(PostgresMilliseconds(from)) AND ts < \(PostgresMilliseconds(to))
            GROUP BY bucket ORDER BY bucket
            """
    }

    /// The time-weighted average of each bucket `[b, b + width)` clipped to the range: every value holds until
    /// the next sample (the last one until the bucket's end), and the sample before the bucket — inside the
    /// range or the last one before it — carries in until the bucket's first sample. Without a value before
    /// it, a bucket's span starts at its first sample. Buckets without samples are left out.
    ///
    /// One pass of window functions: `lag` gives each sample the one it follows, `lead` the time it holds
    /// until. A sample whose predecessor lies before its bucket's (clipped) start is the bucket's first, and
    /// that predecessor's value carries in.
    private var twaStatement: PostgresQuery {
        let id = seriesID
        let from = PostgresMilliseconds(from)
        let to = PostgresMilliseconds(to)
        let width = query.width
        return """
            WITH points AS (
                (SELECT ts, quality, coalesce(value, int_value::float8) AS v FROM telemetry_samples
                 WHERE series_id = \(id) AND ts < \(from) ORDER BY ts DESC LIMIT 1)
                UNION ALL
                (SELECT ts, quality, coalesce(value, int_value::float8) FROM telemetry_samples
                 WHERE series_id = \(id) AND ts >= \(from) AND ts < \(to))
            ), steps AS (
                SELECT ts, quality, v,
                    date_bin(\(width) * interval '1 millisecond', ts, \(origin)) AS bucket,
                    lag(ts) OVER w AS previous_ts, lag(v) OVER w AS previous_v, lead(ts) OVER w AS next_ts
                FROM points WINDOW w AS (ORDER BY ts)
            ), bounded AS (
                SELECT *, greatest(bucket, \(from)) AS bucket_start,
                    least(bucket + \(width) * interval '1 millisecond', \(to)) AS bucket_end
                FROM steps WHERE ts >= \(from)
            ), spans AS (
                SELECT *, previous_ts IS NOT NULL AND previous_ts < bucket_start AS carries FROM bounded
            )
            SELECT bucket,
                (sum(v * extract(epoch FROM least(next_ts, bucket_end) - ts)::float8)
                    + coalesce(sum(previous_v * extract(epoch FROM ts - bucket_start)::float8) FILTER (WHERE carries), 0))
                / extract(epoch FROM max(bucket_end) - min(CASE WHEN carries THEN bucket_start ELSE ts END))::float8,
                max(quality::bigint & 4294967295)
            FROM spans GROUP BY bucket ORDER BY bucket
            """
    }

    /// The answered point of one row of ``statement``.
    func point(_ row: PostgresRow, type: TagDataType, tag: String) throws -> TelemetryPoint {
        let cells = row.makeRandomAccess()
        let bucket = try cells[0].decode(PostgresMilliseconds.self).milliseconds
        switch query.aggregate {
        case .first, .last:
            let sample = try SampleColumns.point(row, at: 1, type: type, tag: tag)
            return TelemetryPoint(timestamp: bucket, value: sample.value, quality: sample.quality)
        case .count:
            let count = try cells[1].decode(Int64.self)
            return TelemetryPoint(timestamp: bucket, value: .int(count), quality: try Self.quality(cells[2]))
        default:
            let number = try cells[1].decode(Double.self)
            return TelemetryPoint(timestamp: bucket, value: .double(number), quality: try Self.quality(cells[2]))
        }
    }

    /// A worst-of quality, aggregated as an unsigned status code in a bigint.
    private static func quality(_ cell: PostgresCell) throws -> Quality {
        Quality(statusCode: UInt32(truncatingIfNeeded: try cell.decode(Int64.self)))
    }
}
