import Foundation
import Hummingbird
import NIOCore

/// Decodes JSON request bodies strictly: a wrong type, a missing or unknown field, or a body that is not
/// JSON is a 400 that names the field, never a silent default.
public struct GantryRequestDecoder: RequestDecoder {
    public func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: some RequestContext
    ) async throws
        -> T
    {
        if let contentType = request.headers[.contentType], let mediaType = MediaType(from: contentType),
            !mediaType.isType(.applicationJson)
        {
            throw APIError(
                .unsupportedMediaType, title: "Unsupported media type", type: "unsupported-media-type",
                detail: "send the body as application/json, not \(contentType)")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(
                .contentTooLarge, title: "Body too large", type: "too-large",
                detail: "the request body is larger than the \(context.maxUploadSize) bytes this server accepts")
        }
        guard body.readableBytes > 0 else {
            throw APIError.badRequest("the request body is empty; send a JSON object")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw APIError.badRequest(Self.describe(error))
        } catch let error as UnknownField {
            throw APIError.badRequest("unknown field '\(Self.fieldName(error.codingPath))'; check its spelling")
        }
    }

    /// A sentence naming the field a decoding error is about and what was wrong with it.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "field '\(fieldName(context.codingPath + [key]))' is required"
        case .valueNotFound(let type, let context):
            if context.codingPath.isEmpty { return "the body must be a JSON object" }
            return "field '\(fieldName(context.codingPath))' must not be null; expected \(jsonType(type))"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty {
                return "the body must be a JSON \(jsonType(type).split(separator: " ").last!)"
            }
            return "field '\(fieldName(context.codingPath))' must be \(jsonType(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "the body is not valid JSON"
            }
            return "field '\(fieldName(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "the body could not be read"
        }
    }

    /// `grants[0].role` style names for a coding path.
    static func fieldName(_ path: [any CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return name
    }

    static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "an array"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

/// A body field the endpoint does not know; refused so a misspelt optional field is not silently ignored.
struct UnknownField: Error {
    let codingPath: [any CodingKey]
}

/// Any JSON object key, for listing every key a body carries.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }
    init?(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// The keyed container for `keys`, after checking that the object holds no key outside them.
    ///
    /// Public so that modules adding routes (``APIRoutes``) refuse misspelt fields with the same 400.
    public func strictContainer<Keys: CodingKey & CaseIterable>(
        _ keys: Keys.Type
    ) throws -> KeyedDecodingContainer<Keys> {
        _ = try strictContainer(allowing: Keys.allCases.map(\.stringValue))
        return try container(keyedBy: Keys.self)
    }

    /// The container of an object whose keys are known only at run time (a generic body's, whose key names
    /// follow its type parameter), after checking that it holds no key outside `keys`.
    func strictContainer(allowing keys: [String]) throws -> KeyedDecodingContainer<AnyCodingKey> {
        let all = try container(keyedBy: AnyCodingKey.self)
        let allowed = Set(keys)
        if let unknown = all.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw UnknownField(codingPath: codingPath + [unknown])
        }
        return all
    }
}

extension KeyedDecodingContainer {
    /// A PATCH field: absent means unchanged, `null` means cleared.
    func decodeUpdate<Value: Decodable & Sendable & Equatable>(
        _ type: Value.Type, forKey key: Key
    ) throws
        -> FieldUpdate<Value>
    {
        guard contains(key) else { return .unchanged }
        if try decodeNil(forKey: key) { return .cleared }
        return .set(try decode(Value.self, forKey: key))
    }
}
