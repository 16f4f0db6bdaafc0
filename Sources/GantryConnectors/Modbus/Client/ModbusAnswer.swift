/// A device's answer to one request, with when it came (the readings' timestamp) and how long it took.
public struct ModbusAnswer: Hashable, Sendable {
    public var response: ModbusResponse
    /// When the answer arrived, milliseconds since the Unix epoch.
    public var receivedAt: Int64
    /// From writing the request to reading the answer.
    public var latency: Duration

    public init(response: ModbusResponse, receivedAt: Int64, latency: Duration) {
        self.response = response
        self.receivedAt = receivedAt
        self.latency = latency
    }
}
