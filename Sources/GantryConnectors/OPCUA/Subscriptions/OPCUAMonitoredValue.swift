import GantryCore

/// A new value of a monitored item, as a data change notification brought it.
public struct OPCUAMonitoredValue: Hashable, Sendable {
    public var item: OPCUAMonitoredItem
    public var value: OPCUADataValue

    public init(item: OPCUAMonitoredItem, value: OPCUADataValue) {
        self.item = item
        self.value = value
    }

    /// The reading for the platform: the item's name, the server's source timestamp (else its server timestamp,
    /// else `receivedAt`), the value, and the status code unchanged as the quality. A value the platform cannot
    /// hold (an array, a structure) is delivered as text with Bad_TypeMismatch.
    public func reading(receivedAt: Int64) -> PointReading {
        let timestamp = value.timestamp?.unixMilliseconds ?? receivedAt
        let quality = Quality(statusCode: value.status.rawValue)
        guard let sample = value.value?.sampleValue else {
            let text = value.value?.description ?? "null"
            let status = value.status.isBad ? quality : Quality(statusCode: OPCUAStatusCode.badTypeMismatch.rawValue)
            return PointReading(
                name: item.name, point: TelemetryPoint(timestamp: timestamp, value: .string(text), quality: status))
        }
        return PointReading(
            name: item.name, point: TelemetryPoint(timestamp: timestamp, value: sample, quality: quality))
    }
}
