/// A half-open span of time, `from` inclusive and `to` exclusive, in milliseconds since the epoch.
public struct TimeRange: Hashable, Sendable, CustomStringConvertible {
    public let from: Int64
    public let to: Int64

    public init(from: Int64, to: Int64) throws(TelemetryError) {
        guard from < to else {
            throw TelemetryError(.invalidQuery, "the range's start (\(from)) must be before its end (\(to))")
        }
        self.from = from
        self.to = to
    }

    public var duration: Int64 { to - from }

    public func contains(_ timestamp: Int64) -> Bool { timestamp >= from && timestamp < to }

    public var description: String { "[\(from), \(to))" }
}
