import GantryCore
import PostgresKit

/// How a sample lies in a `telemetry_samples` row: `double` in `value`, `int` and `bool` (0 or 1) in
/// `int_value`, `string` in `text_value`, and the OPC UA status code's 32 bits in `quality`.
///
/// Bools share `int_value` so that sums and averages see them as 0 and 1 without a case per type; an
/// `int` keeps all 64 bits, which a `double precision` column could not.
enum SampleColumns {
    /// The columns a point is read from, in this order, after whatever the query puts first.
    static let selectList = "ts, quality, value, int_value, text_value"

    /// The status code as the signed 32-bit integer PostgreSQL stores.
    static func storedQuality(_ quality: Quality) -> Int32 { Int32(bitPattern: quality.statusCode) }

    /// Reads a point from the five columns of ``selectList``, starting at column `offset`.
    static func point(
        _ row: PostgresRow, at offset: Int = 0, type: TagDataType, tag: String
    ) throws -> TelemetryPoint {
        let cells = row.makeRandomAccess()
        let timestamp = try cells[offset].decode(PostgresMilliseconds.self).milliseconds
        let quality = try cells[offset + 1].decode(Int32.self)
        return TelemetryPoint(
            timestamp: timestamp,
            value: try value(
                cells, at: offset + 2, type: type, tag: tag, timestamp: timestamp),
            quality: Quality(statusCode: UInt32(bitPattern: quality)))
    }

    /// Reads a value of `type` from `value`, `int_value` and `text_value` at columns `offset`, +1 and +2.
    static func value(
        _ cells: PostgresRandomAccessRow, at offset: Int, type: TagDataType, tag: String, timestamp: Int64
    ) throws -> SampleValue {
        let decoded: SampleValue? =
            switch type {
            case .double: try cells[offset].decode(Double?.self).map(SampleValue.double)
            case .int: try cells[offset + 1].decode(Int64?.self).map(SampleValue.int)
            case .bool: try cells[offset + 1].decode(Int64?.self).map { .bool($0 != 0) }
            case .string: try cells[offset + 2].decode(String?.self).map(SampleValue.string)
            }
        guard let decoded else {
            throw TelemetryError(
                .corrupted,
                "the row of '\(tag)' at \(timestamp) in telemetry_samples has no \(type.rawValue) value although the series holds \(type.rawValue)s"
            )
        }
        return decoded
    }
}
