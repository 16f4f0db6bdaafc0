import GantryCore

extension EmbeddedTelemetryStore {
    public func read(_ query: RawQuery) async throws -> RawPage {
        try checkReadable()
        let query = try query.validated()
        var page: [SeriesPoints] = []
        var taken = 0
        var next: RawCursor?
        var last: (tagIndex: Int, timestamp: Int64)?
        tags: for (tagIndex, tag) in query.tags.enumerated() {
            if let after = query.after, tagIndex < after.tagIndex { continue }
            guard let position = seriesByTag[tag] else { continue }
            let from =
                query.after.map { tagIndex == $0.tagIndex ? max(query.range.from, $0.timestamp + 1) : query.range.from }
                ?? query.range.from
            guard from < query.range.to else { continue }
            var points: [TelemetryPoint] = []
            var full = false
            try scan(position, in: try TimeRange(from: from, to: query.range.to)) { point in
                if taken == query.limit {
                    full = true
                    return false
                }
                points.append(series[position].telemetryPoint(point))
                taken += 1
                last = (tagIndex, point.timestamp)
                return true
            }
            if !points.isEmpty { page.append(SeriesPoints(tag: tag, points: points)) }
            if full {
                next = last.map { RawCursor(tagIndex: $0.tagIndex, timestamp: $0.timestamp) }
                break tags
            }
        }
        return RawPage(series: page, next: next)
    }

    public func latest(_ tags: [TagPath]) async throws -> [SeriesPoints] {
        try checkReadable()
        var answer: [SeriesPoints] = []
        for tag in tags {
            guard let position = seriesByTag[tag] else { continue }
            if series[position].latest == nil, let sealed = series[position].sealed {
                series[position].latest = try lastPoint(of: position, before: sealed + 1)
            }
            if let point = series[position].latest {
                answer.append(SeriesPoints(tag: tag, points: [series[position].telemetryPoint(point)]))
            }
        }
        return answer
    }

    public func read(_ query: DownsampleQuery) async throws -> [SeriesPoints] {
        try checkReadable()
        let query = try query.validated()
        var answer: [SeriesPoints] = []
        for tag in query.tags {
            guard let position = seriesByTag[tag] else { continue }
            let type = series[position].type
            guard type != .string else {
                throw TelemetryError(.invalidQuery, "tag \(tag) holds string states, which cannot be thinned by value")
            }
            var thinner = PeakKeepingThinner<StoredPoint>(range: query.range, maxPoints: query.maxPoints)
            try scan(position, in: query.range) { point in
                if let value = point.foldable(type) { thinner.add(point, value: value) }
                return true
            }
            let points = thinner.finish().map(series[position].telemetryPoint)
            if !points.isEmpty { answer.append(SeriesPoints(tag: tag, points: points)) }
        }
        return answer
    }

    func checkReadable() throws {
        guard !isClosed else { throw TelemetryError(.closed, "the telemetry store is closed") }
    }
}
