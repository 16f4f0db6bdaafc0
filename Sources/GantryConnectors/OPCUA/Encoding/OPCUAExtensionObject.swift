import NIOCore

/// A structure the receiver may not know, carried with the NodeId of its encoding (Part 6, 5.2.2.15): identity
/// tokens, notification data, filters. The body stays bytes until a service decodes the types it models.
public struct OPCUAExtensionObject: Hashable, Sendable {
    /// How the body is encoded.
    public enum Body: Hashable, Sendable {
        case none
        case binary(ByteBuffer)
        case xml(ByteBuffer)
    }

    public var typeId: OPCUANodeId
    public var body: Body

    public init(typeId: OPCUANodeId = .null, body: Body = .none) {
        self.typeId = typeId
        self.body = body
    }

    /// An extension object whose body is `value`'s binary encoding, identified by `encodingId` (namespace 0).
    init(encodingId: UInt32, encoding value: some OPCUAEncodable) {
        var body = ByteBuffer()
        value.encode(to: &body)
        self.init(typeId: .numeric(encodingId), body: .binary(body))
    }

    /// A reader over the binary body, or `nil` when the body is absent or XML.
    var binaryReader: OPCUAReader? {
        if case .binary(let body) = body { OPCUAReader(body) } else { nil }
    }
}

extension OPCUAExtensionObject: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        typeId.encode(to: &buffer)
        switch body {
        case .none:
            buffer.writeInteger(UInt8(0))
        case .binary(let bytes):
            buffer.writeInteger(UInt8(1))
            buffer.writeUA(Int32(bytes.readableBytes))
            buffer.writeImmutableBuffer(bytes)
        case .xml(let bytes):
            buffer.writeInteger(UInt8(2))
            buffer.writeUA(Int32(bytes.readableBytes))
            buffer.writeImmutableBuffer(bytes)
        }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        typeId = try reader.read()
        let encoding = try reader.integer("ExtensionObject encoding", as: UInt8.self)
        switch encoding {
        case 0:
            body = .none
        case 1, 2:
            let count = try reader.length("ExtensionObject body") ?? 0
            let bytes = try reader.slice("ExtensionObject body", count: count)
            body = encoding == 1 ? .binary(bytes) : .xml(bytes)
        default:
            throw reader.invalid("ExtensionObject", "unknown body encoding \(encoding)")
        }
    }
}
