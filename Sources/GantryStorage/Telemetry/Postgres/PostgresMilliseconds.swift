import PostgresKit

/// A timestamp in milliseconds since the Unix epoch, bound as and read from a PostgreSQL `timestamptz`.
///
/// Foundation's `Date` goes through a `Double` of seconds, which can turn `…123 ms` into `…122.999 ms`;
/// this type moves the wire's integer microseconds (since 2000-01-01) directly, so a timestamp round-trips
/// exactly and a bound parameter lets the planner prune partitions.
struct PostgresMilliseconds: PostgresNonThrowingEncodable, PostgresDecodable, Sendable, Hashable {
    /// Milliseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let postgresEpoch: Int64 = 946_684_800_000

    let milliseconds: Int64

    /// - Precondition: `milliseconds` lies within ``SamplePartitionDay/earliestTimestamp`` and
    ///   ``SamplePartitionDay/latestTimestamp`` + 1 (callers clamp or refuse first), so the microseconds fit.
    init(_ milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger((milliseconds - Self.postgresEpoch) * 1000)
    }

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .timestamptz, format == .binary else { throw PostgresDecodingError.Code.typeMismatch }
        guard buffer.readableBytes == 8, let microseconds = buffer.readInteger(as: Int64.self) else {
            throw PostgresDecodingError.Code.failure
        }
        let (quotient, remainder) = microseconds.quotientAndRemainder(dividingBy: 1000)
        self.milliseconds = (remainder < 0 ? quotient - 1 : quotient) + Self.postgresEpoch
    }
}
