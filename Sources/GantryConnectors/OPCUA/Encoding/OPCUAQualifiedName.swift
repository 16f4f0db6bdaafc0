import NIOCore

/// A name qualified by a namespace index (Part 3, 8.3): how browse names are written, `2:Machine1`.
public struct OPCUAQualifiedName: Hashable, Sendable, CustomStringConvertible {
    public var namespace: UInt16
    public var name: String?

    public init(namespace: UInt16 = 0, name: String?) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { namespace == 0 ? (name ?? "") : "\(namespace):\(name ?? "")" }
}

extension OPCUAQualifiedName: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(namespace)
        buffer.writeUAString(name)
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        namespace = try reader.integer("QualifiedName namespace")
        name = try reader.string("QualifiedName name")
    }
}
