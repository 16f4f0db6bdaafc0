import GantryCore

/// The payload of a WAL record holding a batch of points (see docs/format/wal.md, "Batch records").
///
/// Every record names its series by tag path and carries string states as text, so the log replays on
/// its own, without the chunk index, whatever crashed when.
enum WALBatch {
    static let pointsKind: UInt8 = 1

    static func typeCode(_ type: TagDataType) -> UInt8 {
        switch type {
        case .double: 0
        case .int: 1
        case .bool: 2
        case .string: 3
        }
    }

    static func type(code: UInt8) -> TagDataType? {
        switch code {
        case 0: .double
        case 1: .int
        case 2: .bool
        case 3: .string
        default: nil
        }
    }

    /// Encodes series of points whose values already have the series' type.
    static func encode(_ batch: [SeriesPoints], types: [TagDataType]) -> [UInt8] {
        let pointCount = batch.reduce(0) { $0 + $1.points.count }
        var writer = ByteWriter(reservingCapacity: 5 + batch.count * 64 + pointCount * 20)
        writer.append(pointsKind)
        writer.append(UInt32(batch.count))
        for (series, type) in zip(batch, types) {
            writer.append(text: series.tag.description)
            writer.append(typeCode(type))
            writer.append(UInt32(series.points.count))
            for point in series.points {
                writer.append(point.timestamp)
                writer.append(point.quality.statusCode)
                switch point.value {
                case .double(let value): writer.append(value.bitPattern)
                case .int(let value): writer.append(value)
                case .bool(let value): writer.append(UInt8(value ? 1 : 0))
                case .string(let value): writer.append(text: value)
                }
            }
        }
        return writer.bytes
    }

    /// Decodes a batch record; a record that does not parse is reported at its offset within the payload.
    static func decode(_ payload: [UInt8]) throws(ByteReaderError) -> [(SeriesPoints, TagDataType)] {
        var reader = ByteReader(payload)
        guard try reader.read(UInt8.self) == pointsKind else { throw ByteReaderError(offset: 0) }
        let seriesCount = Int(try reader.read(UInt32.self))
        var batch: [(SeriesPoints, TagDataType)] = []
        for _ in 0..<seriesCount {
            let pathOffset = reader.offset
            let path = try reader.readText()
            guard let tag = try? TagPath(path), let type = type(code: try reader.read(UInt8.self)) else {
                throw ByteReaderError(offset: pathOffset)
            }
            let count = Int(try reader.read(UInt32.self))
            var points: [TelemetryPoint] = []
            points.reserveCapacity(count)
            for _ in 0..<count {
                let timestamp = try reader.read(Int64.self)
                let quality = Quality(statusCode: try reader.read(UInt32.self))
                let value: SampleValue =
                    switch type {
                    case .double: .double(Double(bitPattern: try reader.read(UInt64.self)))
                    case .int: .int(try reader.read(Int64.self))
                    case .bool: .bool(try reader.read(UInt8.self) != 0)
                    case .string: .string(try reader.readText())
                    }
                points.append(TelemetryPoint(timestamp: timestamp, value: value, quality: quality))
            }
            batch.append((SeriesPoints(tag: tag, points: points), type))
        }
        return batch
    }
}
