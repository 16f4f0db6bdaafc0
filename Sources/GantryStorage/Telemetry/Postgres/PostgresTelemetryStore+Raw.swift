import GantryCore
import PostgresKit

extension PostgresTelemetryStore {
    /// One page: tag by tag in the order asked, each oldest first, at most `limit` points in all.
    ///
    /// Each tag is one index range scan on `(series_id, ts)` with `LIMIT` of what the page still holds, so
    /// the server never reads more than the page plus one row per tag.
    public func read(_ query: RawQuery) async throws -> RawPage {
        try await state.checkOpen()
        let query = try query.validated()
        guard let range = Self.storable(query.range) else { return RawPage(series: [], next: nil) }
        return try await connections.run("read raw points") {
            try await connections.withConnection { connection in
                let tags = query.tags.map(\.description)
                let (catalog, _) = try await Self.catalog(tags, connection, logger: logger)
                var page: [SeriesPoints] = []
                var lastIndex = 0
                var room = query.limit
                for index in (query.after?.tagIndex ?? 0)..<tags.count {
                    guard let series = catalog[tags[index]], let type = series.dataType else { continue }
                    var from = range.from
                    if let after = query.after, after.tagIndex == index {
                        guard after.timestamp < range.to - 1 else { continue }
                        from = max(from, after.timestamp + 1)
                    }
                    if room == 0 {
                        // The page is full: a next page exists only if a later tag has a point in range.
                        let later = tags[index...].compactMap { catalog[$0]?.id }
                        let more = try await Self.hasPoints(
                            later, from: range.from, to: range.to, connection, logger: logger)
                        return RawPage(series: page, next: more ? Self.cursor(after: page, at: lastIndex) : nil)
                    }
                    let rows = try await connection.query(
                        """
                        SELECT \(unescaped: SampleColumns.selectList) FROM telemetry_samples
                        WHERE series_id = \(series.id) AND ts >= \(PostgresMilliseconds(from))
                            AND ts < \(PostgresMilliseconds(range.to))
                        ORDER BY ts LIMIT \(room + 1)
                        """, logger: logger)
                    var points: [TelemetryPoint] = []
                    var overflow = false
                    for try await row in rows {
                        guard points.count < room else {
                            overflow = true
                            continue
                        }
                        points.append(try SampleColumns.point(row, type: type, tag: tags[index]))
                    }
                    if !points.isEmpty {
                        page.append(SeriesPoints(tag: query.tags[index], points: points))
                        room -= points.count
                        lastIndex = index
                    }
                    if overflow { return RawPage(series: page, next: Self.cursor(after: page, at: lastIndex)) }
                }
                return RawPage(series: page, next: nil)
            }
        }
    }

    /// The newest point of each tag that has one, in the order asked.
    ///
    /// The newest timestamp is kept in `telemetry_series`, so each point is one index lookup in one
    /// partition; a series whose newest point retention removed falls back to a backward index scan.
    public func latest(_ tags: [TagPath]) async throws -> [SeriesPoints] {
        try await state.checkOpen()
        guard !tags.isEmpty else { return [] }
        return try await connections.run("read the latest points") {
            try await connections.withConnection { connection in
                let names = tags.map(\.description)
                // LIMIT 1 keeps the lateral from being flattened into a hash join: each tag stays one
                // lookup that run-time pruning sends to the one partition holding `newest`.
                let rows = try await connection.query(
                    """
                    SELECT s.tag, s.data_type, \(unescaped: SampleColumns.selectList)
                    FROM telemetry_series s
                    CROSS JOIN LATERAL (
                        SELECT \(unescaped: SampleColumns.selectList) FROM telemetry_samples p
                        WHERE p.series_id = s.id AND p.ts = s.newest LIMIT 1
                    ) p
                    WHERE s.tag = ANY(\(names)) AND s.data_type IS NOT NULL
                    """, logger: logger)
                var found: [String: TelemetryPoint] = [:]
                for try await row in rows {
                    let (tag, typeName) = try row.decode((String, String).self)
                    guard let type = TagDataType(rawValue: typeName) else { continue }
                    found[tag] = try SampleColumns.point(row, at: 2, type: type, tag: tag)
                }
                // Series whose newest point retention removed: search backwards for what is left.
                let missing = names.filter { found[$0] == nil }
                let (catalog, _) =
                    missing.isEmpty ? ([:], nil) : try await Self.catalog(missing, connection, logger: logger)
                for (tag, series) in catalog {
                    guard let type = series.dataType, series.newest != nil else { continue }
                    let rows = try await connection.query(
                        """
                        SELECT \(unescaped: SampleColumns.selectList) FROM telemetry_samples
                        WHERE series_id = \(series.id) ORDER BY ts DESC LIMIT 1
                        """, logger: logger)
                    for try await row in rows { found[tag] = try SampleColumns.point(row, type: type, tag: tag) }
                }
                var answered: Set<String> = []
                return zip(tags, names).compactMap { tag, name in
                    guard let point = found[name], answered.insert(name).inserted else { return nil }
                    return SeriesPoints(tag: tag, points: [point])
                }
            }
        }
    }

    /// Whether any of `ids` has a point in `[from, to)`.
    static func hasPoints(
        _ ids: [Int32], from: Int64, to: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        let rows = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM telemetry_samples WHERE series_id = ANY(\(ids)::integer[])
                AND ts >= \(PostgresMilliseconds(from)) AND ts < \(PostgresMilliseconds(to)))
            """, logger: logger)
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }

    /// The cursor after the last point of `page`, whose last entry is the tag at `index` of the query.
    private static func cursor(after page: [SeriesPoints], at index: Int) -> RawCursor? {
        page.last?.points.last.map { RawCursor(tagIndex: index, timestamp: $0.timestamp) }
    }
}
