import Foundation
import GantryCore
import SQLKit

/// Which records a list returns: those under a path prefix and within the caller's visible subtrees,
/// one page at a time.
public struct ListQuery: Sendable {
    /// Only records at or below this path (segment-wise), if given.
    public var prefix: AssetPath?
    /// The subtrees the caller may see; the root means everything, an empty list means nothing.
    public var visibleScopes: [AssetPath]
    /// At most this many records (1–1000).
    public var limit: Int
    /// Skip this many records first.
    public var offset: Int

    /// The largest page a caller may ask for, so one request cannot pull the whole plant at once.
    public static let maximumLimit = 1000

    public init(prefix: AssetPath? = nil, visibleScopes: [AssetPath] = [.root], limit: Int = 100, offset: Int = 0) {
        self.prefix = prefix
        self.visibleScopes = visibleScopes
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.offset = max(offset, 0)
    }

    /// The SQL condition for this query's prefix and visibility on `pathColumn` and `scopeColumn`.
    func condition(pathColumn: String, scopeColumn: String) -> SQLQueryString {
        var parts: [SQLQueryString] = []
        if let prefix, !prefix.isRoot {
            parts.append(Self.subtree(pathColumn, prefix))
        }
        if !visibleScopes.contains(.root) {
            if visibleScopes.isEmpty {
                parts.append("1 = 0")
            } else {
                let any = visibleScopes.map { Self.subtree(scopeColumn, $0) }.joined(separator: " OR ")
                parts.append("(\(any))")
            }
        }
        return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
    }

    /// `column` is `path` or lies below it. `_` is a LIKE wildcard and legal in paths, hence the escape.
    static func subtree(_ column: String, _ path: AssetPath) -> SQLQueryString {
        let text = path.description
        let pattern =
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "_", with: "\\_")
            .replacingOccurrences(of: "%", with: "\\%") + "/%"
        return "(\(ident: column) = \(bind: text) OR \(ident: column) LIKE \(bind: pattern) ESCAPE '\\')"
    }
}

/// One page of a list, with the total so clients can page through all of it.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// How many records match the query in all.
    public let total: Int
    public let limit: Int
    public let offset: Int

    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}

/// A row that holds a single count.
struct CountRecord: Decodable {
    let count: Int
}

extension MetadataStore {
    /// One page of `table`'s rows matching `condition`, with the total, decoded and converted.
    ///
    /// Every list shares this shape: a count for the total, then the page in a stable order.
    func page<Record: Decodable, Item: Sendable>(
        of table: String, columns: String, where condition: SQLQueryString, orderBy order: String,
        _ query: ListQuery, convert: @escaping (Record) throws(MetadataStoreError) -> Item
    ) async throws(MetadataStoreError) -> Page<Item> {
        try await database.read { sql in
            let total =
                try await sql.raw("SELECT COUNT(*) AS count FROM \(unsafeRaw: table) WHERE \(condition)")
                .first(decoding: CountRecord.self)?.count ?? 0
            let records = try await sql.raw(
                """
                SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE \(condition)
                ORDER BY \(unsafeRaw: order) LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all(decoding: Record.self)
            return Page(
                items: try records.map { record throws(MetadataStoreError) in try convert(record) }, total: total,
                limit: query.limit, offset: query.offset)
        }
    }
}
