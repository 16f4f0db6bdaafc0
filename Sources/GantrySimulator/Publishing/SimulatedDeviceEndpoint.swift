import GantryMQTT

/// Where and how one simulated device connects: the broker's address and the client configuration with the
/// credentials the server issued at registration.
///
/// The simulator sets the will (and the client id, when empty, to the device's user name) itself.
public struct SimulatedDeviceEndpoint: Sendable {
    public var host: String
    public var port: Int
    public var configuration: MQTTClientConfiguration

    public init(host: String, port: Int, configuration: MQTTClientConfiguration) {
        self.host = host
        self.port = port
        self.configuration = configuration
    }
}

/// How long a device waits before connecting again after a failed attempt or a lost connection.
public struct SimulatedReconnectPolicy: Sendable, Hashable {
    /// The first wait, in milliseconds; it doubles with each failure in a row.
    public var initialDelay: Int64
    /// The longest wait, in milliseconds.
    public var maximumDelay: Int64

    public init(initialDelay: Int64 = 500, maximumDelay: Int64 = 30_000) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait before attempt `failures + 1`.
    func delay(afterFailures failures: Int) -> Int64 {
        var delay = initialDelay
        for _ in 0..<min(failures, 30) where delay < maximumDelay { delay *= 2 }
        return min(delay, maximumDelay)
    }
}
