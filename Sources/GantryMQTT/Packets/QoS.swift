/// The delivery guarantee of one message: at most once, at least once, exactly once.
///
/// The ordering is meaningful: a delivery goes out at the lower of the publish QoS and the
/// subscription's granted QoS, and overlapping subscriptions deliver at the highest.
public enum QoS: UInt8, Sendable, Hashable, Comparable, CaseIterable {
    case atMostOnce = 0
    case atLeastOnce = 1
    case exactlyOnce = 2

    public static func < (lhs: QoS, rhs: QoS) -> Bool { lhs.rawValue < rhs.rawValue }
}
