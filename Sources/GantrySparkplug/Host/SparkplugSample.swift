import GantryCore

/// One metric value received from an edge node or device, ready to become a Gantry sample.
public struct SparkplugSample: Hashable, Sendable {
    /// The metric's name, resolved from the alias when the message sent only that.
    public var metric: String
    /// Milliseconds since the Unix epoch: the metric's timestamp, else the payload's, else the receive time.
    public var timestamp: Int64
    /// The value, or `nil` for a null metric.
    public var value: SparkplugValue?
    public var quality: Quality
    /// A store-and-forward value from the past rather than the current one.
    public var isHistorical: Bool

    public init(
        metric: String, timestamp: Int64, value: SparkplugValue?, quality: Quality = .good, isHistorical: Bool = false
    ) {
        self.metric = metric
        self.timestamp = timestamp
        self.value = value
        self.quality = quality
        self.isHistorical = isHistorical
    }

    /// The sample as a telemetry point, or `nil` when the value is null or not a scalar.
    public var telemetryPoint: TelemetryPoint? {
        value?.sampleValue.map { TelemetryPoint(timestamp: timestamp, value: $0, quality: quality) }
    }
}
