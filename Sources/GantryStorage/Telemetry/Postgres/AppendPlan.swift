import GantryCore

/// What the database knows of a series before a batch touches it.
struct StoredSeries: Sendable {
    let id: Int32
    /// Nil for a tag that so far has only waveforms.
    let dataType: TagDataType?
    /// The newest point's timestamp, in milliseconds; nil before the first point.
    let newest: Int64?
}

/// A batch of points checked and arranged for PostgreSQL, without any I/O.
///
/// The checks follow ``SeriesHead``, so both backends refuse the same batches: per tag in batch order, a
/// point past `now + futureBound` is in the future, a point more than the out-of-order window behind the
/// newest seen so far (stored or earlier in the batch) is too late, and a value of another type than the
/// series holds (or, for a new tag, than its first point) is the wrong type. Points for the same tag and
/// timestamp collapse to the last one.
struct AppendPlan: Sendable {
    /// The points of one tag in batch order.
    struct Pending: Sendable {
        let tag: String
        var points: [TelemetryPoint]
    }

    /// The tags in sorted order, which is also the order their rows are locked in (so concurrent batches
    /// cannot deadlock on each other's series).
    let tags: [String]
    private let pending: [String: Pending]
    /// The UTC days the points fall on; each needs its partition before the copy.
    let days: Set<SamplePartitionDay>

    /// Groups `batch` by tag and refuses what no series could accept: timestamps outside years 1 to 9999
    /// and strings PostgreSQL cannot hold.
    init(_ batch: [SeriesPoints]) throws(TelemetryError) {
        var pending: [String: Pending] = [:]
        var days: Set<SamplePartitionDay> = []
        for series in batch where !series.points.isEmpty {
            let tag = series.tag.description
            for point in series.points {
                try Self.checkStorable(point, tag: tag)
                days.insert(SamplePartitionDay(containing: point.timestamp))
            }
            pending[tag, default: Pending(tag: tag, points: [])].points += series.points
        }
        self.pending = pending
        self.tags = pending.keys.sorted()
        self.days = days
    }

    var isEmpty: Bool { tags.isEmpty }

    /// The type a new series takes: that of its first point.
    func firstType(of tag: String) -> TagDataType? { pending[tag]?.points.first?.value.dataType }

    /// Checks every point against its series as stored and the server clock `now`, and answers the newest
    /// timestamp per tag once the batch is in.
    func validate(
        against stored: [String: StoredSeries], now: Int64, outOfOrderWindow: Int64, futureBound: Int64
    ) throws(TelemetryError) -> [String: Int64] {
        let latestAccepted = now.addingReportingOverflow(futureBound)
        var newestByTag: [String: Int64] = [:]
        for tag in tags {
            guard let series = pending[tag], let first = series.points.first else { continue }
            let type = stored[tag]?.dataType ?? first.value.dataType
            var newest = stored[tag]?.newest
            for point in series.points {
                if point.value.dataType != type {
                    throw TelemetryError(
                        .wrongType,
                        "'\(tag)' holds \(type.rawValue) values; the \(point.value.dataType.rawValue) sample at \(Self.time(point.timestamp)) was refused"
                    )
                }
                if !latestAccepted.overflow, point.timestamp > latestAccepted.partialValue {
                    throw TelemetryError(
                        .inFuture,
                        "a sample of '\(tag)' at \(Self.time(point.timestamp)) is \(Self.seconds(point.timestamp - now)) ahead of the server clock; at most \(Self.seconds(futureBound)) is accepted (check the device clock)"
                    )
                }
                guard let current = newest, point.timestamp <= current else {
                    newest = point.timestamp
                    continue
                }
                if current - point.timestamp > outOfOrderWindow {
                    throw TelemetryError(
                        .tooLate,
                        "a sample of '\(tag)' at \(Self.time(point.timestamp)) is \(Self.seconds(current - point.timestamp)) older than the newest one of its series; late samples are merged within \(Self.seconds(outOfOrderWindow))"
                    )
                }
            }
            newestByTag[tag] = newest
        }
        return newestByTag
    }

    /// The rows to copy, one per tag and timestamp (the later point of a batch wins), in COPY text format.
    ///
    /// - Parameter ids: the series id of every tag of the batch.
    /// - Parameter emit: called with chunks of about `chunkSize` bytes.
    func copyText(
        ids: [String: Int32], chunkSize: Int = 256 * 1024, _ emit: (String) async throws -> Void
    ) async throws {
        var text = ""
        text.reserveCapacity(chunkSize + 256)
        for tag in tags {
            guard let series = pending[tag], let id = ids[tag] else { continue }
            var latest: [Int64: TelemetryPoint] = [:]
            for point in series.points { latest[point.timestamp] = point }
            for point in latest.values {
                StagingRow.append(seriesID: id, point: point, to: &text)
                if text.utf8.count >= chunkSize {
                    try await emit(text)
                    text.removeAll(keepingCapacity: true)
                }
            }
        }
        if !text.isEmpty { try await emit(text) }
    }

    private static func checkStorable(_ point: TelemetryPoint, tag: String) throws(TelemetryError) {
        if point.timestamp > SamplePartitionDay.latestTimestamp {
            throw TelemetryError(
                .inFuture, "a sample of '\(tag)' at \(point.timestamp) ms lies after the year 9999")
        }
        if point.timestamp < SamplePartitionDay.earliestTimestamp {
            throw TelemetryError(
                .tooLate, "a sample of '\(tag)' at \(point.timestamp) ms lies before the year 1")
        }
        if case .string(let text) = point.value, text.utf8.contains(0) {
            throw TelemetryError(
                .wrongType,
                "the string sample of '\(tag)' at \(time(point.timestamp)) holds a NUL character, which PostgreSQL text cannot store"
            )
        }
    }

    private static func time(_ timestamp: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: timestamp) }

    private static func seconds(_ milliseconds: Int64) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}

/// One line of the staging table in COPY text format: `series_id ts quality value int_value text_value`.
enum StagingRow {
    static let columns = ["series_id", "ts", "quality", "value", "int_value", "text_value"]

    static func append(seriesID: Int32, point: TelemetryPoint, to text: inout String) {
        text += "\(seriesID)\t\(point.timestamp)\t\(SampleColumns.storedQuality(point.quality))\t"
        switch point.value {
        case .double(let value): text += "\(literal(value))\t\\N\t\\N\n"
        case .int(let value): text += "\\N\t\(value)\t\\N\n"
        case .bool(let value): text += "\\N\t\(value ? 1 : 0)\t\\N\n"
        case .string(let value): text += "\\N\t\\N\t\(escaped(value))\n"
        }
    }

    /// A double as PostgreSQL reads it back bit for bit: Swift prints the shortest text that round-trips.
    static func literal(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return "\(value)"
    }

    /// Text with the characters COPY's text format treats specially written as escapes.
    static func escaped(_ value: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character that equals neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        var result = ""
        result.reserveCapacity(value.utf8.count + 8)
        for character in value.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
