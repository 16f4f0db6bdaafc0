/// The message types of the Sparkplug B topic namespace, spelled as they appear in topics.
public enum SparkplugMessageType: String, Sendable, Hashable, CaseIterable {
    case nodeBirth = "NBIRTH"
    case nodeDeath = "NDEATH"
    case nodeData = "NDATA"
    case nodeCommand = "NCMD"
    case deviceBirth = "DBIRTH"
    case deviceDeath = "DDEATH"
    case deviceData = "DDATA"
    case deviceCommand = "DCMD"

    /// Whether the topic of this type names a device after the edge node.
    public var isDeviceMessage: Bool {
        switch self {
        case .deviceBirth, .deviceDeath, .deviceData, .deviceCommand: true
        case .nodeBirth, .nodeDeath, .nodeData, .nodeCommand: false
        }
    }
}
