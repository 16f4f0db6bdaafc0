import NIOCore

/// A NodeId that may live in another server or name its namespace by URI (Part 6, 5.2.2.10): what browse
/// results point at.
public struct OPCUAExpandedNodeId: Hashable, Sendable, CustomStringConvertible {
    public var nodeId: OPCUANodeId
    public var namespaceURI: String?
    public var serverIndex: UInt32

    public init(_ nodeId: OPCUANodeId, namespaceURI: String? = nil, serverIndex: UInt32 = 0) {
        self.nodeId = nodeId
        self.namespaceURI = namespaceURI
        self.serverIndex = serverIndex
    }

    public var description: String {
        var text = ""
        if serverIndex != 0 { text += "svr=\(serverIndex);" }
        if let namespaceURI { text += "nsu=\(namespaceURI);" }
        return text + nodeId.description
    }
}

extension OPCUAExpandedNodeId: OPCUACodable {
    private static let namespaceURIFlag: UInt8 = 0x80
    private static let serverIndexFlag: UInt8 = 0x40

    func encode(to buffer: inout ByteBuffer) {
        var flags: UInt8 = 0
        if namespaceURI != nil { flags |= Self.namespaceURIFlag }
        if serverIndex != 0 { flags |= Self.serverIndexFlag }
        nodeId.encode(to: &buffer, flags: flags)
        if let namespaceURI { buffer.writeUAString(namespaceURI) }
        if serverIndex != 0 { buffer.writeUA(serverIndex) }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        let byte = try reader.integer("ExpandedNodeId encoding", as: UInt8.self)
        nodeId = try OPCUANodeId(from: &reader, encodingByte: byte)
        namespaceURI = try byte & Self.namespaceURIFlag != 0 ? reader.string("ExpandedNodeId namespace URI") : nil
        serverIndex = try byte & Self.serverIndexFlag != 0 ? reader.integer("ExpandedNodeId server index") : 0
    }
}
