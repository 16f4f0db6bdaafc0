import Foundation
import GantryStorage
import Logging
import SQLKit

/// A throwaway database on the PostgreSQL server the benchmark was pointed at: created for the run, weighed
/// with `pg_total_relation_size`, dropped afterwards.
public struct PostgresBenchDatabase: Sendable {
    /// The URL of the new database.
    public let url: String
    let serverURL: String
    let name: String

    public static func create(serverURL: String) async throws -> PostgresBenchDatabase {
        let name = "gantry_bench_\(UInt32.random(in: 0...UInt32.max))"
        try await run(serverURL, "CREATE DATABASE \(name)")
        return PostgresBenchDatabase(
            url: DatabaseLocation.postgresURL(serverURL, database: name), serverURL: serverURL, name: name)
    }

    /// Bytes of the telemetry tables, their partitions, indexes and TOAST.
    public func telemetryBytes() async throws -> Int64 {
        let database = try MetadataDatabase(location: .postgres(url: url), logger: Logger(label: "bench"))
        let size = try await database.read { sql in
            try await sql.raw(
                "SELECT COALESCE(sum(pg_total_relation_size(oid)), 0)::bigint AS bytes FROM pg_class WHERE relname LIKE 'telemetry_%' AND relkind IN ('r', 'm')"
            ).first(decodingColumn: "bytes", as: Int64.self)
        }
        await database.shutdown()
        return size ?? 0
    }

    public func drop() async throws {
        try await Self.run(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func run(_ serverURL: String, _ statement: String) async throws {
        let admin = try MetadataDatabase(location: .postgres(url: serverURL), logger: Logger(label: "bench"))
        do {
            try await admin.read { sql in try await sql.raw("\(unsafeRaw: statement)").run() }
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
    }
}
