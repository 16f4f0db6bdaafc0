import Foundation

/// Where the metadata lives: the embedded SQLite file, or a PostgreSQL(-compatible) server at scale.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file on local disk.
    case sqlite(path: String)
    /// A PostgreSQL URL such as `postgres://gantry:secret@127.0.0.1:5432/gantry`.
    case postgres(url: String)

    /// Reads a `--database` value: a `postgres://` or `postgresql://` URL, a `sqlite://` path, or `nil`
    /// for the embedded file `gantry.sqlite` in the data directory.
    public init(url: String?, dataDirectory: String) throws(MetadataStoreError) {
        guard let url, !url.isEmpty else {
            self = .sqlite(path: dataDirectory + "/gantry.sqlite")
            return
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if url.hasPrefix("sqlite://") {
            self = .sqlite(path: String(url.dropFirst("sqlite://".count)))
        } else {
            throw MetadataStoreError(
                .unsupportedLocation,
                "database URL must start with postgres://, postgresql:// or sqlite:// (or be left out for the embedded file)"
            )
        }
    }

    /// The location with any password masked, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let url): Self.maskingPassword(in: url)
        }
    }

    private static func maskingPassword(in url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@") else {
            return url
        }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}

extension DatabaseLocation {
    /// The PostgreSQL URL `url` with its database name replaced by `database`, keeping the query: tests and
    /// benchmarks make a throwaway database on the server they were given.
    public static func postgresURL(_ url: String, database: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
            let slash = url[schemeEnd.upperBound...].firstIndex(of: "/")
        else { return url + "/" + database }
        let query = url[slash...].firstIndex(of: "?").map { String(url[$0...]) } ?? ""
        return String(url[..<slash]) + "/" + database + query
    }
}
