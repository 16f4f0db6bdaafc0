import GantryCore
import GantryStorage
import Hummingbird

/// One element of `POST /api/v1/telemetry`: `{tag, ts, value, quality?}`, `tag` a tag path or id, `ts`
/// RFC 3339 or epoch milliseconds, `quality` a severity (`good`, `uncertain`, `bad`, optionally with a
/// sub-code as in `bad(3)`) or an OPC UA status code.
struct TelemetrySampleBody: Decodable {
    let sample: TelemetryService.Sample

    enum CodingKeys: String, CodingKey, CaseIterable { case tag, ts, value, quality }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        let tagText = try container.decode(String.self, forKey: .tag)
        let tag: TagReference
        do {
            tag = try TagReference(parsing: tagText)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .tag, in: container, debugDescription: error.message)
        }
        let timestamp: Int64
        if let milliseconds = try? container.decode(Int64.self, forKey: .ts) {
            timestamp = milliseconds
        } else if let text = try? container.decode(String.self, forKey: .ts), let parsed = Timestamp(rfc3339: text) {
            timestamp = parsed.millisecondsSinceEpoch
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .ts, in: container,
                debugDescription:
                    "expected an RFC 3339 timestamp or epoch milliseconds, as in \"2026-11-29T08:00:00.250Z\"")
        }
        let value: SampleValue
        if let flag = try? container.decode(Bool.self, forKey: .value) {
            value = .bool(flag)
        } else if let integer = try? container.decode(Int64.self, forKey: .value) {
            value = .int(integer)
        } else if let number = try? container.decode(Double.self, forKey: .value) {
            value = .double(number)
        } else if let text = try? container.decode(String.self, forKey: .value) {
            value = .string(text)
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: "expected a number, a boolean or a string")
        }
        var quality = Quality.good
        if container.contains(.quality) {
            if let code = try? container.decode(UInt32.self, forKey: .quality) {
                quality = Quality(statusCode: code)
            } else if let text = try? container.decode(String.self, forKey: .quality),
                let parsed = Quality(parsing: text)
            {
                quality = parsed
            } else {
                throw DecodingError.dataCorruptedError(
                    forKey: .quality, in: container,
                    debugDescription:
                        "expected good, uncertain or bad (optionally with a sub-code, as in bad(3)) or an OPC UA status code"
                )
            }
        }
        sample = TelemetryService.Sample(tag: tag, timestamp: timestamp, value: value, quality: quality)
    }
}

/// The answer of `POST /api/v1/telemetry`.
struct TelemetryAccepted: ResponseEncodable {
    /// How many samples are now durable.
    let accepted: Int
}

/// The answer of the telemetry reads: `{"series": [{"tag", "points": [{"ts", "value", "quality"?}]}], "next"?}`.
struct TelemetryAnswer: ResponseEncodable {
    let series: [Series]
    let next: String?

    struct Series: Encodable {
        let tag: String
        let points: [Point]
    }

    /// A point; `quality` only when it is not good, `value` null for a value JSON cannot carry (NaN).
    struct Point: Encodable {
        let ts: String
        let value: SampleValue
        let quality: String?

        enum CodingKeys: String, CodingKey { case ts, value, quality }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ts, forKey: .ts)
            switch value {
            case .double(let number):
                if number.isFinite {
                    try container.encode(number, forKey: .value)
                } else {
                    try container.encodeNil(forKey: .value)
                }
            case .int(let number): try container.encode(number, forKey: .value)
            case .bool(let flag): try container.encode(flag, forKey: .value)
            case .string(let text): try container.encode(text, forKey: .value)
            }
            try container.encodeIfPresent(quality, forKey: .quality)
        }
    }

    init(_ series: [SeriesPoints], next: RawCursor?) {
        self.series = series.map { entry in
            Series(
                tag: entry.tag.description,
                points: entry.points.map { point in
                    Point(
                        ts: Timestamp(millisecondsSinceEpoch: point.timestamp).rfc3339, value: point.value,
                        quality: point.quality == .good ? nil : point.quality.description)
                })
        }
        self.next = next?.token
    }
}
