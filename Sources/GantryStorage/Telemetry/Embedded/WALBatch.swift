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

    /// Encodes series of points whose values already have the series' type; `paths` are the tags' paths
    /// as UTF-8 (kept by the engine per series, so a batch does not rebuild them).
    ///
    /// Sized exactly first, then written in place: every acknowledged sample passes through here.
    static func encode(_ batch: [SeriesPoints], types: [TagDataType], paths: [[UInt8]]) -> [UInt8] {
        var size = 5
        for (entry, (type, path)) in zip(batch, zip(types, paths)) {
            size += 7 + min(path.count, Int(UInt16.max))
            switch type {
            case .double, .int: size += entry.points.count * 20
            case .bool: size += entry.points.count * 13
            case .string:
                for point in entry.points {
                    if case .string(let text) = point.value { size += 14 + min(text.utf8.count, Int(UInt16.max)) }
                }
            }
        }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            var offset = 0
            func put<Value: FixedWidthInteger>(_ value: Value) {
                base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Value.self)
                offset += MemoryLayout<Value>.size
            }
            func put(bytes: some Collection<UInt8>) {
                let count = min(bytes.count, Int(UInt16.max))
                put(UInt16(count))
                for byte in bytes.prefix(count) {
                    base.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
                    offset += 1
                }
            }
            put(pointsKind)
            put(UInt32(batch.count))
            for (entry, (type, path)) in zip(batch, zip(types, paths)) {
                put(bytes: path)
                put(typeCode(type))
                put(UInt32(entry.points.count))
                for point in entry.points {
                    put(point.timestamp)
                    put(point.quality.statusCode)
                    switch point.value {
                    case .double(let value): put(value.bitPattern)
                    case .int(let value): put(value)
                    case .bool(let value): put(UInt8(value ? 1 : 0))
                    case .string(let value): put(bytes: value.utf8)
                    }
                }
            }
            initialized = offset
        }
    }

    /// Encodes a batch whose paths are not at hand (the carried-over heads at a flush).
    static func encode(_ batch: [SeriesPoints], types: [TagDataType]) -> [UInt8] {
        encode(batch, types: types, paths: batch.map { Array($0.tag.description.utf8) })
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
