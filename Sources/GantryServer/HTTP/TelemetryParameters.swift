import GantryCore
import GantryStorage
import Hummingbird

/// The query of the telemetry reads: `tag` (repeated; a path or an id), `from` and `to` (RFC 3339 or
/// epoch milliseconds; the last hour by default), and one of `bucket` (`1s` … `1d`, with `agg`),
/// `maxPoints`, or paging with `limit` and `cursor`.
struct TelemetryParameters {
    let tags: [TagReference]
    let range: TimeRange
    let shape: TelemetryService.ReadShape

    static let maximumTags = 100

    init(_ request: Request, now: Int64) throws {
        let query = request.uri.queryParameters
        tags = try Self.tags(query)
        let to = try Self.time(query, "to") ?? now
        let from = try Self.time(query, "from") ?? (to - 3_600_000)
        do {
            range = try TimeRange(from: from, to: to)
        } catch {
            throw APIError.badRequest("query parameters 'from' and 'to': 'from' must be before 'to'")
        }
        let bucket = query["bucket"].map(String.init)
        let maxPoints = query["maxPoints"].map(String.init)
        if bucket != nil && maxPoints != nil {
            throw APIError.badRequest("ask for 'bucket' or 'maxPoints', not both")
        }
        if let bucket {
            guard let width = Self.duration(bucket) else {
                throw APIError.badRequest(
                    "query parameter 'bucket' must be a duration from 1s to 1d, such as 10s, 1m, 15m, 1h or 1d")
            }
            let aggregate = try ListParameters.choice(request, "agg", as: Aggregate.self) ?? .avg
            shape = .buckets(width: width, aggregate: aggregate)
        } else if maxPoints != nil {
            shape = .downsampled(
                maxPoints: try ListParameters.integer(
                    query, "maxPoints", default: 1000, range: 4...DownsampleQuery.maximumPoints))
        } else {
            if query["agg"] != nil { throw APIError.badRequest("'agg' needs a 'bucket'") }
            let limit = try ListParameters.integer(query, "limit", default: 10_000, range: 1...RawQuery.maximumLimit)
            var cursor: RawCursor?
            if let token = query["cursor"] {
                do {
                    cursor = try RawCursor(token: String(token))
                } catch {
                    throw APIError.badRequest("query parameter 'cursor': \(error.message)")
                }
            }
            shape = .raw(limit: limit, after: cursor)
        }
    }

    /// Only `tag`, for `/telemetry/latest`.
    static func tags(_ query: Parameters) throws -> [TagReference] {
        let texts = query[values: "tag"]
        guard !texts.isEmpty else { throw APIError.badRequest("name at least one tag: ?tag=site/area/line/speed") }
        guard texts.count <= maximumTags else {
            throw APIError.badRequest("at most \(maximumTags) tags per request, not \(texts.count)")
        }
        var references: [TagReference] = []
        for text in texts {
            do {
                references.append(try TagReference(parsing: String(text)))
            } catch {
                throw APIError.badRequest("query parameter 'tag': \(error.message)")
            }
        }
        return references
    }

    static func time(_ query: Parameters, _ name: String) throws -> Int64? {
        guard let text = query[Substring(name)] else { return nil }
        if let milliseconds = Int64(text) { return milliseconds }
        if let timestamp = Timestamp(rfc3339: String(text)) { return timestamp.millisecondsSinceEpoch }
        throw APIError.badRequest(
            "query parameter '\(name)' must be an RFC 3339 timestamp or epoch milliseconds, not '\(text)'")
    }

    /// `10s`, `5m`, `1h`, `1d` in milliseconds, within the bucket widths the store answers.
    static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        default: return nil
        }
        let (width, overflow) = count.multipliedReportingOverflow(by: scale)
        return !overflow && BucketQuery.widths.contains(width) ? width : nil
    }
}
