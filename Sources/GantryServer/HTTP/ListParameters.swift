import GantryCore
import GantryStorage
import Hummingbird

import struct Foundation.UUID

/// The query parameters every list accepts: `path` (a subtree), `limit` (1–1000, default 100) and
/// `offset`; a malformed one is a 400 that names it.
struct ListParameters {
    let path: AssetPath?
    let limit: Int
    let offset: Int

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        if let text = query["path"].map(String.init) {
            do {
                path = try AssetPath(text)
            } catch {
                throw APIError.badRequest("query parameter 'path': \(error.message)")
            }
        } else {
            path = nil
        }
        limit = try Self.integer(query, "limit", default: 100, range: 1...ListQuery.maximumLimit)
        offset = try Self.integer(query, "offset", default: 0, range: 0...Int(Int32.max))
    }

    static func integer(_ query: Parameters, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int
    {
        guard let text = query[Substring(name)] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest(
                "query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// An optional enumerated parameter, such as `level` or `dataType`.
    static func choice<Value: RawRepresentable & CaseIterable>(
        _ request: Request, _ name: String, as: Value.Type
    )
        throws -> Value? where Value.RawValue == String
    {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let value = Value(rawValue: String(text)) else {
            let choices = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("query parameter '\(name)' must be one of \(choices)")
        }
        return value
    }
}

extension Parameters {
    /// A path parameter that must be a UUID, such as `{id}`.
    func uuid(_ name: String) throws -> UUID {
        guard let text = self[Substring(name)], let id = UUID(uuidString: String(text)) else {
            throw APIError.badRequest("path parameter '\(name)' must be a UUID")
        }
        return id
    }
}
