/// A topic of the Sparkplug B namespace: an edge node's or device's message, or a host application's STATE.
///
/// Parsing is strict, so a topic that is almost Sparkplug (a missing device id, an unknown message type)
/// fails with a message that says why instead of being routed to the wrong place.
public enum SparkplugTopic: Hashable, Sendable, CustomStringConvertible {
    /// `spBv1.0/GROUP/TYPE/NODE` for the node message types.
    case node(SparkplugMessageType, SparkplugEdgeNodeID)
    /// `spBv1.0/GROUP/TYPE/NODE/DEVICE` for the device message types.
    case device(SparkplugMessageType, SparkplugEdgeNodeID, device: String)
    /// `spBv1.0/STATE/HOST_ID`, the retained online state of a host application.
    case state(hostID: String)

    /// The first level of every Sparkplug B 3.0 topic.
    public static let namespace = "spBv1.0"

    /// Parses `text`, checking the namespace, the message type and the number of levels it needs.
    public init(parsing text: String) throws(SparkplugError) {
        let levels = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard levels.first == Self.namespace else {
            throw SparkplugError(.invalidTopic, "topic '\(text)' is not in the \(Self.namespace) namespace")
        }
        for level in levels.dropFirst() {
            try Self.validate(id: level, in: text)
        }
        if levels.count == 3, levels[1] == "STATE" {
            self = .state(hostID: levels[2])
            return
        }
        guard levels.count >= 4, let type = SparkplugMessageType(rawValue: levels[2]) else {
            throw SparkplugError(
                .invalidTopic,
                "topic '\(text)' needs the form \(Self.namespace)/GROUP/TYPE/NODE[/DEVICE] with TYPE one of "
                    + SparkplugMessageType.allCases.map(\.rawValue).joined(separator: ", ")
                    + ", or \(Self.namespace)/STATE/HOST_ID")
        }
        let node = SparkplugEdgeNodeID(group: levels[1], node: levels[3])
        switch (type.isDeviceMessage, levels.count) {
        case (false, 4): self = .node(type, node)
        case (true, 5): self = .device(type, node, device: levels[4])
        case (false, _):
            throw SparkplugError(.invalidTopic, "topic '\(text)': \(type.rawValue) takes no device id after the node")
        case (true, _):
            throw SparkplugError(.invalidTopic, "topic '\(text)': \(type.rawValue) needs exactly one device id")
        }
    }

    /// The message type, or `nil` for a STATE topic.
    public var messageType: SparkplugMessageType? {
        switch self {
        case .node(let type, _), .device(let type, _, _): type
        case .state: nil
        }
    }

    /// The edge node the message belongs to, or `nil` for a STATE topic.
    public var edgeNode: SparkplugEdgeNodeID? {
        switch self {
        case .node(_, let node), .device(_, let node, _): node
        case .state: nil
        }
    }

    public var description: String {
        switch self {
        case .node(let type, let node): "\(Self.namespace)/\(node.group)/\(type.rawValue)/\(node.node)"
        case .device(let type, let node, let device):
            "\(Self.namespace)/\(node.group)/\(type.rawValue)/\(node.node)/\(device)"
        case .state(let hostID): "\(Self.namespace)/STATE/\(hostID)"
        }
    }

    /// Rejects ids that are empty or hold MQTT wildcards, which no published topic may contain.
    private static func validate(id: String, in text: String) throws(SparkplugError) {
        guard !id.isEmpty else {
            throw SparkplugError(.invalidTopic, "topic '\(text)' has an empty level")
        }
        guard !id.contains("+"), !id.contains("#") else {
            throw SparkplugError(.invalidTopic, "topic '\(text)' contains an MQTT wildcard; ids may not")
        }
    }
}
