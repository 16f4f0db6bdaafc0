import GantryCore
import ServiceLifecycle

/// A running connection to one device that the platform supervises: it reads on its own (polls or
/// subscriptions) until cancelled, comes back by itself after losing its peer, and writes what Control asks.
public protocol DeviceConnector: Service {
    /// Its link state and counters, readable at any time.
    var status: ConnectorStatusBoard { get }
    /// Writes `value` to the configured point called `point`; only the platform's Control road calls this.
    func write(point: String, value: SampleValue) async throws(ConnectorError)
}
