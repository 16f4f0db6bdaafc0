/// Where a running connector delivers what it reads and says how its link is: the platform's side of the
/// connector (it maps point names to tags, ingests the readings and marks the device online or offline).
public protocol ConnectorSink: Sendable {
    /// Readings from one poll or one OPC UA notification, in the order the device gave them. A lost link is
    /// delivered too: one reading per point with bad quality (`ConnectorQuality.notConnected`).
    func deliver(_ readings: [PointReading]) async
    /// The link changed: `online` after a (re)connection and, for OPC UA, once subscriptions run again.
    func linkChanged(online: Bool, reason: String?) async
}
