/// Everything a `ModbusConnector` needs: the device's address, how patient to be with it, and what to poll.
///
/// Keys (JSON): `host`; `port` (502); `timeoutMilliseconds` per request (1000); `connectTimeoutMilliseconds`
/// (3000); `retries` of a request that timed out, within the same poll, before its points turn bad (1);
/// `maximumInFlight` requests pipelined on the connection (1: for devices that answer one at a time);
/// `reconnectInitialMilliseconds` (200) and `reconnectMaximumMilliseconds` (30000), the backoff after a lost
/// link; `groups`, the poll groups (`ModbusPollGroup`, each with its `ModbusPoint`s). For example:
///
/// ```json
/// {
///   "host": "10.0.0.5", "port": 502, "timeoutMilliseconds": 1000, "retries": 1, "maximumInFlight": 1,
///   "groups": [
///     { "name": "process", "unitID": 1, "scanRateMilliseconds": 250, "maximumGap": 0, "points": [
///       { "name": "temperature", "table": "inputRegister", "address": 0, "type": "float32" },
///       { "name": "pressure", "table": "inputRegister", "address": 4, "type": "uint16", "scale": 0.01 },
///       { "name": "alarm", "table": "holdingRegister", "address": 7, "type": "bool", "bit": 3 },
///       { "name": "running", "table": "coil", "address": 0, "type": "bool" } ] },
///     { "name": "nameplate", "scanRateMilliseconds": 60000, "points": [
///       { "name": "serial", "table": "holdingRegister", "address": 100, "type": "string", "length": 8,
///         "byteOrder": "bigEndian" },
///       { "name": "hours", "table": "holdingRegister", "address": 120, "type": "uint32",
///         "wordOrder": "littleEndian" } ] }
///   ]
/// }
/// ```
public struct ModbusConnectorConfiguration: Hashable, Sendable {
    public var host: String
    public var port: Int
    public var timeoutMilliseconds: Int
    public var connectTimeoutMilliseconds: Int
    /// How often a request that timed out is sent again within the same poll (a lost frame on a noisy link)
    /// before its points get `Bad_Timeout`. Exceptions are answers and are never retried.
    public var retries: Int
    public var maximumInFlight: Int
    public var reconnectInitialMilliseconds: Int
    public var reconnectMaximumMilliseconds: Int
    public var groups: [ModbusPollGroup]

    public init(
        host: String, port: Int = 502, timeoutMilliseconds: Int = 1000, connectTimeoutMilliseconds: Int = 3000,
        retries: Int = 1, maximumInFlight: Int = 1, reconnectInitialMilliseconds: Int = 200,
        reconnectMaximumMilliseconds: Int = 30_000,
        groups: [ModbusPollGroup]
    ) {
        self.host = host
        self.port = port
        self.timeoutMilliseconds = timeoutMilliseconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.retries = retries
        self.maximumInFlight = maximumInFlight
        self.reconnectInitialMilliseconds = reconnectInitialMilliseconds
        self.reconnectMaximumMilliseconds = reconnectMaximumMilliseconds
        self.groups = groups
    }

    /// The client options these settings give.
    public var clientOptions: ModbusClient.Options {
        ModbusClient.Options(
            timeout: .milliseconds(timeoutMilliseconds), maximumInFlight: maximumInFlight,
            connectTimeout: .milliseconds(connectTimeoutMilliseconds))
    }
}

extension ModbusConnectorConfiguration: Codable {
    private enum CodingKeys: String, CodingKey {
        case host, port, timeoutMilliseconds, connectTimeoutMilliseconds, retries, maximumInFlight
        case reconnectInitialMilliseconds, reconnectMaximumMilliseconds, groups
    }

    /// Reads a configuration; every key but `host` and `groups` has the default of `init`.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        func optional(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            try values.decodeIfPresent(Int.self, forKey: key) ?? fallback
        }
        self.init(
            host: try values.decode(String.self, forKey: .host),
            port: try optional(.port, 502),
            timeoutMilliseconds: try optional(.timeoutMilliseconds, 1000),
            connectTimeoutMilliseconds: try optional(.connectTimeoutMilliseconds, 3000),
            retries: try optional(.retries, 1),
            maximumInFlight: try optional(.maximumInFlight, 1),
            reconnectInitialMilliseconds: try optional(.reconnectInitialMilliseconds, 200),
            reconnectMaximumMilliseconds: try optional(.reconnectMaximumMilliseconds, 30_000),
            groups: try values.decode([ModbusPollGroup].self, forKey: .groups))
    }
}
