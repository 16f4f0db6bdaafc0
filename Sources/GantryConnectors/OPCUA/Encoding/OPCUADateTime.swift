import Foundation
import NIOCore

/// An OPC UA DateTime: 100-nanosecond ticks since 1601-01-01 UTC (Part 6, 5.2.2.5). Zero means "no time".
public struct OPCUADateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Ticks between 1601-01-01 and the Unix epoch.
    static let unixEpochTicks: Int64 = 116_444_736_000_000_000

    public var ticks: Int64

    public init(ticks: Int64) {
        self.ticks = ticks
    }

    public init(unixMilliseconds: Int64) {
        ticks = unixMilliseconds * 10_000 + Self.unixEpochTicks
    }

    /// The current wall-clock time, for request headers.
    public static func now() -> OPCUADateTime {
        OPCUADateTime(ticks: Int64(Date().timeIntervalSince1970 * 10_000_000) + unixEpochTicks)
    }

    /// The absent time (0), which servers send when they have no timestamp.
    public static let none = OPCUADateTime(ticks: 0)

    public var isNone: Bool { ticks <= 0 }

    /// Milliseconds since the Unix epoch, as `TelemetryPoint` counts time.
    public var unixMilliseconds: Int64 { (ticks - Self.unixEpochTicks) / 10_000 }

    public static func < (lhs: OPCUADateTime, rhs: OPCUADateTime) -> Bool { lhs.ticks < rhs.ticks }

    public var description: String {
        isNone ? "none" : Date(timeIntervalSince1970: Double(unixMilliseconds) / 1000).ISO8601Format()
    }
}

extension OPCUADateTime: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(ticks)
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        ticks = try reader.integer("DateTime")
    }
}
