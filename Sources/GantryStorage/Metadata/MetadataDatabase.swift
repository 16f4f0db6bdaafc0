import AsyncKit
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// A pool of connections to the metadata database, whichever kind it is, with transactions that hold
/// one connection from `BEGIN` to `COMMIT`.
///
/// The embedded SQLite file gets a single connection, so writers never meet `SQLITE_BUSY`; PostgreSQL
/// gets a few per event loop, so a cluster of Gantry nodes can share one server.
public final class MetadataDatabase: Sendable {
    /// Which SQL dialect the database speaks; schema and queries are written to work on both.
    public enum Kind: String, Sendable {
        case sqlite
        case postgres
    }

    public let kind: Kind
    public let location: DatabaseLocation
    private let borrow: @Sendable (Logger) async throws -> (any SQLDatabase, @Sendable () -> Void)
    private let shutdownPool: @Sendable () async throws -> Void
    private let logger: Logger

    /// Opens the pool; no connection is made until the first query.
    public init(location: DatabaseLocation, logger: Logger) throws(MetadataStoreError) {
        self.location = location
        self.logger = logger
        switch location {
        case .sqlite(let path):
            self.kind = .sqlite
            let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path)))
            let pool = EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: 1, logger: logger,
                on: MultiThreadedEventLoopGroup.singleton.next())
            let shared = SharedPool(pool: pool)
            self.borrow = { logger in
                let connection = try await shared.pool.requestConnection(logger: logger).get()
                let release: @Sendable () -> Void = { shared.pool.releaseConnection(connection, logger: logger) }
                let database = connection.sql()
                // Another process (`gantry user add` beside a running server) may hold the file's write lock
                // for a moment: wait for it rather than fail.
                try await Self.prepare(database, with: "PRAGMA busy_timeout = 5000", release: release)
                return (database, release)
            }
            self.shutdownPool = { try await shared.pool.shutdownAsync() }
        case .postgres(let url):
            self.kind = .postgres
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw MetadataStoreError(.unsupportedLocation, "the PostgreSQL URL could not be read: \(location)")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 4,
                logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            let shared = SharedPool(pool: pool)
            self.borrow = { logger in
                let connection = try await shared.pool.requestConnection(logger: logger).get()
                return (connection.sql(), { shared.pool.releaseConnection(connection, logger: logger) })
            }
            self.shutdownPool = { try await shared.pool.shutdownAsync() }
        }
    }

    /// Runs `statement` on a freshly borrowed connection, releasing it if that fails.
    private static func prepare(
        _ database: any SQLDatabase, with statement: String, release: @Sendable () -> Void
    ) async throws {
        do {
            try await database.raw(SQLQueryString(statement)).run()
        } catch {
            release()
            throw error
        }
    }

    /// Runs `body` on one pooled connection, outside a transaction: for reads.
    public func read<Result: Sendable>(
        _ body: (any SQLDatabase) async throws -> Result
    ) async throws(MetadataStoreError) -> Result {
        try await withConnection { database in try await body(database) }
    }

    /// Runs `body` in one transaction: every change in it lands, or none does.
    ///
    /// On PostgreSQL the transaction is serializable-safe for the checks Gantry makes (existence checks
    /// are backed by unique constraints, so a race ends in ``MetadataStoreError/Code-swift.struct/alreadyExists``).
    public func transaction<Result: Sendable>(
        _ body: (any SQLDatabase) async throws -> Result
    ) async throws(MetadataStoreError) -> Result {
        try await withConnection { database in
            // SQLite: take the write lock up front, so a second process waits (busy_timeout) instead of
            // failing when a read transaction later wants to write.
            try await database.raw(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(database)
                try await database.raw("COMMIT").run()
                return result
            } catch {
                do {
                    try await database.raw("ROLLBACK").run()
                } catch let rollbackError {
                    logger.error(
                        "metadata rollback failed", metadata: ["error": "\(String(reflecting: rollbackError))"])
                }
                throw error
            }
        }
    }

    private func withConnection<Result: Sendable>(
        _ body: (any SQLDatabase) async throws -> Result
    ) async throws(MetadataStoreError) -> Result {
        let database: any SQLDatabase
        let release: @Sendable () -> Void
        do {
            (database, release) = try await borrow(logger)
        } catch {
            throw MetadataStoreError(
                .unavailable, "the metadata database (\(location)) cannot be reached", cause: error)
        }
        defer { release() }
        do {
            return try await body(database)
        } catch let error as MetadataStoreError {
            throw error
        } catch {
            throw Self.classify(error, location: location)
        }
    }

    /// Turns a driver error into a store error: unique-key violations become `alreadyExists`, the rest
    /// `unavailable`, with the driver's text kept only as the cause.
    static func classify(_ error: any Error, location: DatabaseLocation) -> MetadataStoreError {
        let text = String(reflecting: error)
        if text.contains("UNIQUE constraint") || text.contains("23505") || text.contains("unique_violation")
            || text.contains("duplicate key")
        {
            return MetadataStoreError(.alreadyExists, "a record with the same key already exists", cause: error)
        }
        if text.contains("FOREIGN KEY constraint") || text.contains("23503") || text.contains("foreign_key_violation") {
            return MetadataStoreError(.hasDependents, "other records still refer to this one", cause: error)
        }
        return MetadataStoreError(.unavailable, "the metadata database (\(location)) failed the request", cause: error)
    }

    /// Closes every connection; call once, after the last query.
    public func shutdown() async {
        do {
            try await shutdownPool()
        } catch {
            logger.warning("metadata pool shutdown failed", metadata: ["error": "\(error)"])
        }
    }
}

/// A connection pool shared between tasks.
///
/// `@unchecked Sendable`: `EventLoopGroupConnectionPool` guards its state with its own lock and hands each
/// connection to one borrower at a time; it predates Sendable annotations.
struct SharedPool<Source: ConnectionPoolSource>: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
}
