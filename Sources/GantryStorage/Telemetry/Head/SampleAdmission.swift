import GantryCore

/// The two time rules a point must pass before a store takes it: not too far ahead of the server's
/// clock (a wrong device clock), not too far behind its series' newest point (a late resend).
public struct SampleAdmission: Sendable, Hashable {
    /// How far behind the newest point a late point may arrive and still be merged, in milliseconds.
    public let outOfOrderWindow: Int64
    /// How far ahead of the server's clock a point may be, in milliseconds.
    public let futureBound: Int64

    public init(outOfOrderWindow: Int64, futureBound: Int64) {
        self.outOfOrderWindow = outOfOrderWindow
        self.futureBound = futureBound
    }

    /// Refuses `timestamp` when it breaks a rule.
    /// - Parameters:
    ///   - newest: the newest timestamp its series holds, if any.
    ///   - sealed: the newest timestamp already compressed into chunks; older points can no longer merge.
    ///   - now: the server's clock, in milliseconds since the epoch.
    public func check(_ timestamp: Int64, newest: Int64?, sealed: Int64? = nil, now: Int64) throws(TelemetryError) {
        if timestamp > now + futureBound {
            throw TelemetryError(
                .inFuture,
                "a sample at \(Timestamp(millisecondsSinceEpoch: timestamp)) is \(Self.seconds(timestamp - now)) ahead of the server clock; at most \(Self.seconds(futureBound)) is accepted (check the device clock)"
            )
        }
        if let newest, timestamp < newest - outOfOrderWindow {
            throw TelemetryError(
                .tooLate,
                "a sample at \(Timestamp(millisecondsSinceEpoch: timestamp)) is \(Self.seconds(newest - timestamp)) older than the newest one of its series; late samples are merged within \(Self.seconds(outOfOrderWindow))"
            )
        }
        if let sealed, timestamp <= sealed {
            throw TelemetryError(
                .tooLate,
                "a sample at \(Timestamp(millisecondsSinceEpoch: timestamp)) falls before \(Timestamp(millisecondsSinceEpoch: sealed)), where its series is already compressed; late samples can no longer merge there"
            )
        }
    }

    static func seconds(_ milliseconds: Int64) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}
