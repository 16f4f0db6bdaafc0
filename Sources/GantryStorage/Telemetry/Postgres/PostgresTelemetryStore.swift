import GantryCore
import Logging
import PostgresKit

/// The telemetry store on PostgreSQL, for when a plant outgrows one machine: every Gantry node of a cluster
/// writes to and reads from the same server.
///
/// Points go to `telemetry_samples`, partitioned by UTC day; a batch is copied into a session's staging
/// table and merged in one transaction (the last write wins), so it is stored whole or not at all and is
/// durable when ``append(_:)`` returns. Aggregates, downsampling and retention run inside PostgreSQL. The
/// tables are laid out so TimescaleDB or Citus can take them over (`docs/format/postgres-telemetry.md`).
public final class PostgresTelemetryStore: TelemetryStore {
    /// How far behind a series' newest point a late point may arrive, in milliseconds.
    public let outOfOrderWindow: Int64
    /// How far ahead of the database server's clock a point may be, in milliseconds.
    public let futureBound: Int64
    let connections: TelemetryConnections
    let state: PostgresTelemetryState
    /// False once `telemetry_samples` is no longer a partitioned table (a hypertable, say): partitions are
    /// then someone else's, and retention deletes rows.
    let managesPartitions: Bool
    var logger: Logger { connections.logger }

    private init(
        connections: TelemetryConnections, layout: PostgresTelemetrySchema.Layout, outOfOrderWindow: Int64,
        futureBound: Int64
    ) {
        self.connections = connections
        self.managesPartitions = layout.managesPartitions
        self.state = PostgresTelemetryState(partitions: layout.partitions)
        self.outOfOrderWindow = outOfOrderWindow
        self.futureBound = futureBound
    }

    /// Connects to the database at `url` and creates the telemetry tables it lacks.
    ///
    /// Call ``close()`` before letting the store go: its connection pool traps in debug builds when it is
    /// freed while open, as the metadata pool does.
    ///
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`; the user needs CREATE on the schema.
    ///   - outOfOrderWindow: how late a point may arrive behind its series' newest, in milliseconds.
    ///   - futureBound: how far ahead of the database server's clock a point may be, in milliseconds.
    /// - Throws: ``TelemetryError`` with ``TelemetryError/Code/unavailable`` when the server cannot be reached
    ///   or refuses the schema.
    public static func open(
        url: String, logger: Logger, outOfOrderWindow: Int64 = 60_000, futureBound: Int64 = 300_000
    ) async throws -> PostgresTelemetryStore {
        let connections = try TelemetryConnections(url: url, logger: logger)
        do {
            let layout = try await connections.run("create the telemetry tables") {
                try await connections.transaction { connection in
                    try await PostgresTelemetrySchema.prepare(connection, logger: logger)
                }
            }
            logger.info(
                "telemetry store opened on PostgreSQL",
                metadata: [
                    "telemetry.database": "\(connections.location)",
                    "telemetry.partitions":
                        "\(layout.managesPartitions ? "\(layout.partitions.count) days" : "external")",
                ])
            return PostgresTelemetryStore(
                connections: connections, layout: layout, outOfOrderWindow: outOfOrderWindow,
                futureBound: futureBound)
        } catch {
            await connections.shutdown()
            throw error
        }
    }

    public func close() async throws {
        guard await state.close() else { return }
        await connections.shutdown()
    }

    /// The series of `tags` that exist, by tag text.
    static func catalog(
        _ tags: [String], _ connection: PostgresConnection, logger: Logger, lock: Bool = false
    ) async throws -> (series: [String: StoredSeries], now: Int64?) {
        let rows = try await connection.query(
            """
            SELECT statement_timestamp(), id, tag, data_type, newest FROM telemetry_series
            WHERE tag = ANY(\(tags)) ORDER BY tag \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger)
        var series: [String: StoredSeries] = [:]
        var now: Int64?
        for try await (clock, id, tag, type, newest) in rows.decode(
            (PostgresMilliseconds, Int32, String, String?, PostgresMilliseconds?).self)
        {
            now = clock.milliseconds
            series[tag] = StoredSeries(
                id: id, dataType: type.flatMap(TagDataType.init(rawValue:)), newest: newest?.milliseconds)
        }
        return (series, now)
    }

    /// The server's clock in milliseconds: `known` when a statement already answered it, else asked for.
    static func serverClock(_ known: Int64?, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        if let known { return known }
        let rows = try await connection.query("SELECT statement_timestamp()", logger: logger)
        for try await clock in rows.decode(PostgresMilliseconds.self) { return clock.milliseconds }
        throw TelemetryError(.unavailable, "PostgreSQL answered no clock")
    }

    /// `range` narrowed to the timestamps a partition can hold, or nil when nothing of it is left.
    static func storable(_ range: TimeRange) -> (from: Int64, to: Int64)? {
        let from = max(range.from, SamplePartitionDay.earliestTimestamp)
        let to = min(range.to, SamplePartitionDay.latestTimestamp + 1)
        return from < to ? (from, to) : nil
    }
}

/// What a store shares between concurrent calls: whether it is open, and which day partitions exist.
actor PostgresTelemetryState {
    private var isOpen = true
    private var partitions: Set<SamplePartitionDay>

    init(partitions: Set<SamplePartitionDay>) {
        self.partitions = partitions
    }

    /// Marks the store closed; answers whether it was open.
    func close() -> Bool {
        defer { isOpen = false }
        return isOpen
    }

    func checkOpen() throws(TelemetryError) {
        guard isOpen else { throw TelemetryError(.closed, "the telemetry store was closed") }
    }

    /// The days of `days` without a known partition, oldest first.
    func missing(_ days: Set<SamplePartitionDay>) -> [SamplePartitionDay] {
        days.subtracting(partitions).sorted()
    }

    func remember(_ days: some Sequence<SamplePartitionDay>) {
        partitions.formUnion(days)
    }

    /// Forgets what another node may have changed (a partition it dropped), so the next write checks again.
    func forget(_ days: some Sequence<SamplePartitionDay>) {
        partitions.subtract(days)
    }
}
