/// One OPC UA device as the platform configures it: where the server is, who to log in as, and which nodes to
/// subscribe to under which point names.
///
/// ```json
/// {"endpoint": "opc.tcp://10.0.4.20:4840/", "identity": {"type": "anonymous"}, "publishingIntervalMilliseconds": 500,
///  "points": [{"name": "temperature", "node": "ns=2;s=Machine1.Temperature", "samplingIntervalMilliseconds": 250}]}
/// ```
public struct OPCUAConnectorConfiguration: Hashable, Sendable, Codable {
    /// One monitored node and the point name its readings carry.
    public struct Point: Hashable, Sendable, Codable {
        /// The point name the platform maps to a tag; unique within the connector.
        public var name: String
        /// The NodeId in text form, `ns=2;s=Machine1.Temperature`.
        public var node: String
        /// How often the server samples the value, milliseconds (default 250).
        public var samplingIntervalMilliseconds: Int

        public init(name: String, node: String, samplingIntervalMilliseconds: Int = 250) {
            self.name = name
            self.node = node
            self.samplingIntervalMilliseconds = samplingIntervalMilliseconds
        }

        private enum CodingKeys: String, CodingKey { case name, node, samplingIntervalMilliseconds }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            node = try container.decode(String.self, forKey: .node)
            samplingIntervalMilliseconds =
                try container.decodeIfPresent(Int.self, forKey: .samplingIntervalMilliseconds) ?? 250
        }
    }

    /// The server's URL, `opc.tcp://host:port/path` (port 4840 when absent).
    public var endpoint: String
    /// Anonymous (default) or user name and password.
    public var identity: OPCUAIdentity
    /// How often the subscription publishes, milliseconds (default 500).
    public var publishingIntervalMilliseconds: Int
    public var points: [Point]
    /// First and longest wait between reconnection attempts, milliseconds (defaults 200 and 30 000).
    public var reconnectInitialMilliseconds: Int64
    public var reconnectMaximumMilliseconds: Int64

    public init(
        endpoint: String, identity: OPCUAIdentity = .anonymous, publishingIntervalMilliseconds: Int = 500,
        points: [Point], reconnectInitialMilliseconds: Int64 = 200, reconnectMaximumMilliseconds: Int64 = 30_000
    ) {
        self.endpoint = endpoint
        self.identity = identity
        self.publishingIntervalMilliseconds = publishingIntervalMilliseconds
        self.points = points
        self.reconnectInitialMilliseconds = reconnectInitialMilliseconds
        self.reconnectMaximumMilliseconds = reconnectMaximumMilliseconds
    }

    private enum CodingKeys: String, CodingKey {
        case endpoint, identity, publishingIntervalMilliseconds, points, reconnectInitialMilliseconds
        case reconnectMaximumMilliseconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        endpoint = try container.decode(String.self, forKey: .endpoint)
        identity = try container.decodeIfPresent(OPCUAIdentity.self, forKey: .identity) ?? .anonymous
        publishingIntervalMilliseconds =
            try container.decodeIfPresent(Int.self, forKey: .publishingIntervalMilliseconds) ?? 500
        points = try container.decode([Point].self, forKey: .points)
        reconnectInitialMilliseconds =
            try container.decodeIfPresent(Int64.self, forKey: .reconnectInitialMilliseconds) ?? 200
        reconnectMaximumMilliseconds =
            try container.decodeIfPresent(Int64.self, forKey: .reconnectMaximumMilliseconds) ?? 30_000
    }
}
