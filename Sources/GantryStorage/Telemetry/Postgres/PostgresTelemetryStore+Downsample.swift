import GantryCore
import PostgresKit

extension PostgresTelemetryStore {
    /// Thins each tag in PostgreSQL to the minimum and the maximum sample of every pixel, with their own
    /// timestamps, values and qualities, in time order.
    ///
    /// The range is cut into `maxPoints / 2` pixels of whole milliseconds (the last may be shorter), so a tag
    /// answers at most `maxPoints` points and every peak survives. Bools count as 0 and 1; string tags have no
    /// peaks and are refused.
    public func read(_ query: DownsampleQuery) async throws -> [SeriesPoints] {
        try await state.checkOpen()
        let query = try query.validated()
        guard let range = Self.storable(query.range) else { return [] }
        let pixels = Int64(query.maxPoints / 2)
        let pixelWidth = (range.to - range.from + pixels - 1) / pixels
        return try await connections.run("downsample points") {
            try await connections.withConnection { connection in
                let tags = query.tags.map(\.description)
                let (catalog, _) = try await Self.catalog(tags, connection, logger: logger)
                if let text = tags.first(where: { catalog[$0]?.dataType == .string }) {
                    throw TelemetryError(.invalidQuery, "'\(text)' holds strings, which have no peaks to keep")
                }
                var answer: [SeriesPoints] = []
                for (tag, name) in zip(query.tags, tags) {
                    guard let series = catalog[name], let type = series.dataType else { continue }
                    let from = PostgresMilliseconds(range.from)
                    let to = PostgresMilliseconds(range.to)
                    // Both DISTINCT ON passes read the CTE once; UNION drops a sample that is both minimum and
                    // maximum of its pixel.
                    let rows = try await connection.query(
                        """
                        WITH points AS (
                            SELECT \(unescaped: SampleColumns.selectList),
                                coalesce(value, int_value::float8) AS v,
                                date_bin(\(pixelWidth) * interval '1 millisecond', ts, \(from)) AS pixel
                            FROM telemetry_samples
                            WHERE series_id = \(series.id) AND ts >= \(from) AND ts < \(to)
                        )
                        SELECT \(unescaped: SampleColumns.selectList) FROM (
                            (SELECT DISTINCT ON (pixel) * FROM points ORDER BY pixel, v ASC, ts)
                            UNION
                            (SELECT DISTINCT ON (pixel) * FROM points ORDER BY pixel, v DESC, ts)
                        ) peaks ORDER BY ts
                        """, logger: logger)
                    var points: [TelemetryPoint] = []
                    for try await row in rows { points.append(try SampleColumns.point(row, type: type, tag: name)) }
                    if !points.isEmpty { answer.append(SeriesPoints(tag: tag, points: points)) }
                }
                return answer
            }
        }
    }
}
