import GantryCore

extension EmbeddedTelemetryStore {
    /// Calls `body` with each point of the series at `position` within `range`, oldest first, from the
    /// chunks, then the points of a flush in flight, then the head; `body` returns false to stop.
    ///
    /// Chunks are read and decoded one at a time, so a scan over a year holds one chunk in memory.
    func scan(_ position: Int, in range: TimeRange, _ body: (StoredPoint) throws -> Bool) throws {
        let item = series[position]
        for chunk in try index.chunks(of: item.id, overlapping: range) {
            for point in try points(of: chunk) where range.contains(point.timestamp) {
                guard try body(point) else { return }
            }
        }
        for point in item.pending where range.contains(point.timestamp) {
            guard try body(point) else { return }
        }
        for point in item.head.points where range.contains(point.timestamp) {
            guard try body(point) else { return }
        }
    }

    /// The newest point of the series before `timestamp`, if any: the value a step signal carries into a
    /// bucket.
    func lastPoint(of position: Int, before timestamp: Int64) throws -> StoredPoint? {
        let item = series[position]
        if let point = item.head.points.last(where: { $0.timestamp < timestamp }) { return point }
        if let point = item.pending.last(where: { $0.timestamp < timestamp }) { return point }
        guard let chunk = try index.lastChunk(of: item.id, before: timestamp) else { return nil }
        return try points(of: chunk).last { $0.timestamp < timestamp }
    }

    /// The decoded points of a chunk; damage is an error naming the chunk file and offset.
    func points(of chunk: ChunkIndex.ChunkRef) throws -> [StoredPoint] {
        let path = chunkDirectory + "/" + ChunkFile.name(chunk.file)
        let payload = try ChunkFile.readChunk(path: path, offset: chunk.offset, length: chunk.length)
        do {
            let points = try ChunkCodec.decode(payload)
            guard points.count == Int(chunk.count) else {
                throw TelemetryError(
                    .corrupted,
                    "\(path) at byte \(chunk.offset): the chunk holds \(points.count) points, the index says \(chunk.count)"
                )
            }
            return points
        } catch let error as ChunkDecodingError {
            throw TelemetryError(.corrupted, "\(path) at byte \(chunk.offset): the chunk does not decode (\(error))")
        }
    }
}
