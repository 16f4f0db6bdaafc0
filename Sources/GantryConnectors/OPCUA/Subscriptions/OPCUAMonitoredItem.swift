import GantryCore

/// A node to watch in a subscription: its Value attribute, sampled by the server every `samplingInterval`,
/// and the point name its readings carry.
public struct OPCUAMonitoredItem: Hashable, Sendable {
    public var name: String
    public var node: OPCUANodeId
    public var samplingInterval: Duration

    public init(name: String, node: OPCUANodeId, samplingInterval: Duration = .milliseconds(250)) {
        self.name = name
        self.node = node
        self.samplingInterval = samplingInterval
    }
}

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

/// A subscription created on the server, with its monitored items by client handle.
public struct OPCUASubscription: Sendable {
    public let id: UInt32
    /// The publishing interval the server granted.
    public let publishingInterval: Duration
    /// Publishing intervals without data after which the server sends a keep-alive.
    public let maxKeepAliveCount: UInt32
    public let items: [UInt32: OPCUAMonitoredItem]

    /// How long a Publish may wait before the subscription counts as dead: three keep-alive periods, at
    /// least ten seconds.
    var publishTimeout: Duration {
        max(.seconds(10), publishingInterval * Int(max(1, maxKeepAliveCount)) * 3)
    }
}
