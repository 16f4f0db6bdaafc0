import GantryCore

extension EmbeddedTelemetryStore {
    /// Buckets come from the 1-hour or 1-minute rollups when the width and range line up with them (a year
    /// of a 1 Hz tag in 1-hour buckets reads 8 760 rollup rows, not 31 million points), from the raw points
    /// otherwise, and the time-weighted average always from the points.
    public func read(_ query: BucketQuery) async throws -> [SeriesPoints] {
        try checkReadable()
        let query = try query.validated()
        var answer: [SeriesPoints] = []
        for tag in query.tags {
            guard let position = seriesByTag[tag] else { continue }
            let item = series[position]
            if item.type == .string && query.aggregate.isNumeric {
                throw TelemetryError(
                    .invalidQuery,
                    "tag \(tag) holds string states; only count, first and last summarise them, not \(query.aggregate.rawValue)"
                )
            }
            let points: [TelemetryPoint]
            if query.aggregate == .twa {
                points = try timeWeightedBuckets(position, query).map { bucket, value, quality in
                    TelemetryPoint(timestamp: bucket, value: .double(value), quality: quality)
                }
            } else {
                let entries =
                    if item.type != .string, let table = rollupTable(for: query) {
                        try rollupBuckets(position, query, table: table)
                    } else {
                        try rawBuckets(position, query)
                    }
                points = entries.map { bucket, entry in
                    TelemetryPoint(
                        timestamp: bucket, value: answerValue(entry, query.aggregate, series: item),
                        quality: entry.quality)
                }
            }
            if !points.isEmpty { answer.append(SeriesPoints(tag: tag, points: points)) }
        }
        return answer
    }

    /// The coarsest rollup the query's width and range are whole multiples of.
    private func rollupTable(for query: BucketQuery) -> ChunkIndex.RollupTable? {
        for table in [ChunkIndex.RollupTable.hour, .minute] {
            let width = table.width
            if query.width % width == 0, query.range.from % width == 0, query.range.to % width == 0 {
                return table
            }
        }
        return nil
    }

    private func rollupBuckets(
        _ position: Int, _ query: BucketQuery, table: ChunkIndex.RollupTable
    ) throws -> [(Int64, RollupEntry)] {
        let item = series[position]
        var folder = BucketFolder(query: query)
        for (bucket, entry) in try index.rollups(of: item.id, table: table, in: query.range) {
            folder.add(entry, at: bucket)
        }
        // The rollups hold what is committed; a flush in flight and the head are newer than all of it.
        for point in item.pending + item.head.points where query.range.contains(point.timestamp) {
            guard let value = point.foldable(item.type) else { continue }
            folder.add(RollupEntry(value, quality: point.quality), at: point.timestamp)
        }
        return folder.buckets
    }

    private func rawBuckets(_ position: Int, _ query: BucketQuery) throws -> [(Int64, RollupEntry)] {
        let type = series[position].type
        var folder = BucketFolder(query: query)
        try scan(position, in: query.range) { point in
            // A string state folds by its code, which first and last turn back into the state.
            guard let value = point.foldable(type) else { return true }
            folder.add(RollupEntry(value, quality: point.quality), at: point.timestamp)
            return true
        }
        return folder.buckets
    }

    private func timeWeightedBuckets(_ position: Int, _ query: BucketQuery) throws -> [(Int64, Double, Quality)] {
        let type = series[position].type
        var averager = TimeWeightedAverager(query: query)
        if let before = try lastPoint(of: position, before: query.range.from) {
            averager.carry(before.number(type) ?? 0, quality: before.quality)
        }
        try scan(position, in: query.range) { point in
            guard let value = point.foldable(type) else { return true }
            averager.step(to: value, at: point.timestamp, quality: point.quality)
            return true
        }
        return averager.finish()
    }

    private func answerValue(_ entry: RollupEntry, _ aggregate: Aggregate, series item: EmbeddedSeries) -> SampleValue {
        switch aggregate {
        case .count:
            return .int(entry.count)
        case .first, .last:
            let value = entry.value(of: aggregate)
            switch item.type {
            case .double: return .double(value)
            case .int: return .int(Int64(value))
            case .bool: return .bool(value != 0)
            case .string: return item.value(bits: UInt64(value))
            }
        default:
            return .double(entry.value(of: aggregate))
        }
    }
}
