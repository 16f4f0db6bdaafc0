import Foundation
import GantryCore

/// Reads a unified-namespace publish: the topic is the tag path, the payload one value.
///
/// Accepted payloads: a bare number (`21.5`), `true`/`false`, a JSON string (`"running"`), or an
/// object `{"value": …, "ts": …, "quality": …}` with `ts` in epoch milliseconds or RFC 3339 and
/// `quality` as `good`/`uncertain`/`bad` or an OPC UA status code. Bare numbers are read
/// without a JSON parser, since they are most of the traffic.
public enum UnifiedNamespacePayload {
    /// The sample a publish of `payload` to `topic` stands for, stamped `receivedAt` unless it carries a time.
    public static func sample(
        topic: String, payload: some Collection<UInt8>, receivedAt: Int64
    ) throws(IngestRejection)
        -> IngestSample
    {
        let tag: TagPath
        do {
            tag = try TagPath(topic)
        } catch {
            throw IngestRejection(.invalidPayload, "topic '\(topic)' is not a tag path: \(error.message)")
        }
        let text = String(decoding: payload, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let number = Double(text), number.isFinite {
            return IngestSample(tag: tag, point: TelemetryPoint(timestamp: receivedAt, value: .double(number)))
        }
        if text == "true" || text == "false" {
            return IngestSample(tag: tag, point: TelemetryPoint(timestamp: receivedAt, value: .bool(text == "true")))
        }
        let decoded: Body
        do {
            decoded = try JSONDecoder().decode(Body.self, from: Data(text.utf8))
        } catch {
            throw IngestRejection(
                .invalidPayload,
                "payload on '\(topic)' is not a number, true/false, a JSON string or {\"value\":…,\"ts\":…,\"quality\":…}"
            )
        }
        switch decoded {
        case .scalar(let scalar):
            guard let value = scalar.value else {
                throw IngestRejection(
                    .invalidPayload, "payload on '\(topic)' is not a finite number, boolean or string")
            }
            return IngestSample(tag: tag, point: TelemetryPoint(timestamp: receivedAt, value: value))
        case .object(let value, let ts, let quality):
            guard let value = value?.value else {
                throw IngestRejection(.invalidPayload, "payload on '\(topic)' has no usable \"value\"")
            }
            let timestamp = try ts.map { raw throws(IngestRejection) in try Self.timestamp(raw, topic: topic) }
            let quality = try quality.map { raw throws(IngestRejection) in try Self.quality(raw, topic: topic) }
            return IngestSample(
                tag: tag,
                point: TelemetryPoint(timestamp: timestamp ?? receivedAt, value: value, quality: quality ?? .good))
        }
    }

    /// A JSON scalar as it came: booleans are tried before numbers so `true` stays a boolean.
    enum Scalar: Decodable {
        case bool(Bool), number(Double), string(String), other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let string = try? container.decode(String.self) {
                self = .string(string)
            } else {
                self = .other
            }
        }

        var value: SampleValue? {
            switch self {
            case .bool(let bool): .bool(bool)
            case .number(let number): number.isFinite ? .double(number) : nil
            case .string(let string): .string(string)
            case .other: nil
            }
        }
    }

    /// The whole payload: a scalar, or the object form.
    enum Body: Decodable {
        case scalar(Scalar)
        case object(value: Scalar?, ts: Scalar?, quality: Scalar?)

        private enum Keys: String, CodingKey { case value, ts, quality }

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: Keys.self) {
                self = .object(
                    value: try object.decodeIfPresent(Scalar.self, forKey: .value),
                    ts: try object.decodeIfPresent(Scalar.self, forKey: .ts),
                    quality: try object.decodeIfPresent(Scalar.self, forKey: .quality))
            } else {
                self = .scalar(try Scalar(from: decoder))
            }
        }
    }

    private static func timestamp(_ raw: Scalar, topic: String) throws(IngestRejection) -> Int64 {
        if case .number(let number) = raw, number.isFinite, abs(number) < 1e15 { return Int64(number) }
        if case .string(let text) = raw, let parsed = Timestamp(rfc3339: text) { return parsed.millisecondsSinceEpoch }
        throw IngestRejection(.invalidPayload, "\"ts\" on '\(topic)' is neither epoch milliseconds nor RFC 3339")
    }

    private static func quality(_ raw: Scalar, topic: String) throws(IngestRejection) -> Quality {
        if case .number(let number) = raw, let code = UInt32(exactly: number) { return Quality(statusCode: code) }
        if case .string(let text) = raw, let quality = Quality(parsing: text) { return quality }
        throw IngestRejection(.invalidPayload, "\"quality\" on '\(topic)' is not good, uncertain, bad or a status code")
    }
}
