import AsyncKit
import Logging
import NIOPosix
import PostgresKit

/// The PostgreSQL connections of one telemetry store, lent one at a time, with transactions that either
/// commit or leave nothing behind.
///
/// The pool is AsyncKit's, as for the metadata store: it needs no background task to run, so opening a
/// store is a plain call. Every connection starts with `synchronous_commit = on` (a commit is on disk before
/// `append` returns, whatever the server's default) and `TimeZone = UTC`.
final class TelemetryConnections: Sendable {
    /// Where the connections go, with the password masked, for messages and logs.
    let location: String
    let logger: Logger
    private let pool: SharedPool<PostgresConnectionSource>

    init(url: String, logger: Logger) throws(TelemetryError) {
        let location = DatabaseLocation.postgres(url: url).description
        var configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw TelemetryError(.unavailable, "the PostgreSQL URL \(location) could not be read")
        }
        configuration.coreConfiguration.options.additionalStartupParameters = [
            ("synchronous_commit", "on"), ("TimeZone", "UTC"), ("client_min_messages", "warning"),
            ("application_name", "gantry-telemetry"),
        ]
        self.location = location
        self.logger = logger
        self.pool = SharedPool(
            pool: EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 4,
                logger: logger, on: MultiThreadedEventLoopGroup.singleton))
    }

    /// Runs `body` and turns whatever it throws into a ``TelemetryError`` (see ``classify(_:_:)``); `action`
    /// completes "… failed to" in messages ("read raw points").
    func run<Result>(_ action: String, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw classify(error, action)
        }
    }

    /// Runs `body` on one connection outside a transaction, for reads. Errors are the driver's: wrap the call
    /// in ``run(_:_:)``.
    func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = try await pool.pool.requestConnection(logger: logger).get()
        defer { pool.pool.releaseConnection(connection, logger: logger) }
        return try await body(connection)
    }

    /// Runs `body` in one transaction: all of its changes commit, or none do.
    ///
    /// A connection whose rollback fails is closed, so the pool never lends out one left inside a
    /// transaction.
    func transaction<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                do {
                    try await connection.query("ROLLBACK", logger: logger)
                } catch {
                    logger.warning(
                        "telemetry rollback failed; closing the connection",
                        metadata: ["error": "\(String(reflecting: error))"])
                    try? await connection.close()
                }
                throw error
            }
        }
    }

    /// Closes every connection; later requests fail with ``TelemetryError/Code/closed``.
    func shutdown() async {
        do {
            try await pool.pool.shutdownAsync()
        } catch {
            logger.warning("telemetry pool shutdown failed", metadata: ["error": "\(error)"])
        }
    }

    /// Turns a driver error into a ``TelemetryError`` whose message says what failed and PostgreSQL's reason,
    /// without the query's values. Store errors and cancellation pass through unchanged.
    func classify(_ error: any Error, _ action: String) -> any Error {
        switch error {
        case is TelemetryError, is CancellationError:
            return error
        case let error as PSQLError where error.code == .server:
            let info = error.serverInfo
            let detail = info?[.detail].map { " (\($0))" } ?? ""
            return TelemetryError(
                .unavailable,
                "PostgreSQL at \(location) failed to \(action): \(info?[.message] ?? "no message")\(detail) [SQLSTATE \(info?[.sqlState] ?? "?")]"
            )
        case let error as PSQLError:
            let cause = error.underlying.map { ": \($0)" } ?? ""
            return TelemetryError(
                .unavailable, "PostgreSQL at \(location) cannot be reached to \(action) (\(error.code)\(cause))")
        case let error as ConnectionPoolError where error == .shutdown:
            return TelemetryError(.closed, "the telemetry store was closed")
        case is PostgresDecodingError:
            return TelemetryError(
                .corrupted, "PostgreSQL at \(location) answered \(action) with a column of an unexpected type")
        default:
            return TelemetryError(.unavailable, "PostgreSQL at \(location) failed to \(action): \(error)")
        }
    }

    /// The SQLSTATE of a server error, for the few that are worth a retry.
    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}

extension PostgresConnection {
    /// Runs `query` and decodes the one column of every row as `Column`.
    func column<Column: PostgresDecodable & Sendable>(
        _ query: PostgresQuery, as type: Column.Type, logger: Logger
    ) async throws -> [Column] {
        var values: [Column] = []
        for try await value in try await self.query(query, logger: logger).decode(Column.self) {
            values.append(value)
        }
        return values
    }
}
