import Foundation

/// The address of a node in an OPC UA server's address space: a namespace index and an identifier
/// (numeric, string, GUID or opaque bytes), as Part 3, 8.2 defines it.
public struct OPCUANodeId: Hashable, Sendable, CustomStringConvertible {
    /// The four kinds of identifier a NodeId can carry.
    public enum Identifier: Hashable, Sendable {
        case numeric(UInt32)
        case string(String)
        case guid(UUID)
        case opaque([UInt8])
    }

    public var namespace: UInt16
    public var identifier: Identifier

    public init(namespace: UInt16 = 0, _ identifier: Identifier) {
        self.namespace = namespace
        self.identifier = identifier
    }

    /// A numeric NodeId, such as the standard `i=85` (the Objects folder).
    public static func numeric(_ value: UInt32, namespace: UInt16 = 0) -> OPCUANodeId {
        OPCUANodeId(namespace: namespace, .numeric(value))
    }

    /// A string NodeId, such as `ns=2;s=Machine1.Temperature`.
    public static func string(_ value: String, namespace: UInt16) -> OPCUANodeId {
        OPCUANodeId(namespace: namespace, .string(value))
    }

    /// The null NodeId `i=0`: no node (an absent authentication token, no reference type filter).
    public static let null = OPCUANodeId.numeric(0)
    /// The Objects folder (`i=85`), where a server's own objects start.
    public static let objectsFolder = OPCUANodeId.numeric(85)
    /// The HierarchicalReferences type (`i=33`), the usual browse filter.
    public static let hierarchicalReferences = OPCUANodeId.numeric(33)

    public var isNull: Bool {
        switch identifier {
        case .numeric(let value): namespace == 0 && value == 0
        case .string(let value): namespace == 0 && value.isEmpty
        case .guid(let value): namespace == 0 && value == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        case .opaque(let value): namespace == 0 && value.isEmpty
        }
    }

    /// The standard text form (Part 6, 5.3.1.10): `i=85`, `ns=2;s=Machine1.Temperature`, `ns=1;g=…`, `ns=1;b=…`.
    public var description: String {
        let prefix = namespace == 0 ? "" : "ns=\(namespace);"
        switch identifier {
        case .numeric(let value): return prefix + "i=\(value)"
        case .string(let value): return prefix + "s=\(value)"
        case .guid(let value): return prefix + "g=\(value.uuidString.lowercased())"
        case .opaque(let value): return prefix + "b=\(Data(value).base64EncodedString())"
        }
    }
}
