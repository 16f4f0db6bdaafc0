import NIOCore

/// The Variant binary encoding: an encoding byte (type id in bits 0–5, dimensions flag 0x40, array flag 0x80),
/// then the value, or the element count and elements, then the dimensions.
extension OPCUAVariant: OPCUACodable {
    private static let arrayFlag: UInt8 = 0x80
    private static let dimensionsFlag: UInt8 = 0x40

    func encode(to buffer: inout ByteBuffer) {
        switch self {
        case .null:
            buffer.writeInteger(UInt8(0))
        case .variant(let inner):
            inner.encode(to: &buffer)
        case .array(let type, let elements, let dimensions):
            buffer.writeInteger(type.rawValue | Self.arrayFlag | (dimensions == nil ? 0 : Self.dimensionsFlag))
            buffer.writeUAArray(elements) { buffer, element in
                if type == .variant { element.encode(to: &buffer) } else { element.encodeScalar(to: &buffer) }
            }
            if let dimensions { buffer.writeUAArray(dimensions) { $0.writeUA($1) } }
        default:
            buffer.writeInteger(builtInType?.rawValue ?? 0)
            encodeScalar(to: &buffer)
        }
    }

    /// The value without the encoding byte, as array elements are written.
    private func encodeScalar(to buffer: inout ByteBuffer) {
        switch self {
        case .null, .array: break
        case .boolean(let value): buffer.writeUABoolean(value)
        case .sbyte(let value): buffer.writeUA(value)
        case .byte(let value): buffer.writeUA(value)
        case .int16(let value): buffer.writeUA(value)
        case .uint16(let value): buffer.writeUA(value)
        case .int32(let value): buffer.writeUA(value)
        case .uint32(let value): buffer.writeUA(value)
        case .int64(let value): buffer.writeUA(value)
        case .uint64(let value): buffer.writeUA(value)
        case .float(let value): buffer.writeUAFloat(value)
        case .double(let value): buffer.writeUADouble(value)
        case .string(let value), .xmlElement(let value): buffer.writeUAString(value)
        case .dateTime(let value): value.encode(to: &buffer)
        case .guid(let value): buffer.writeUAGuid(value)
        case .byteString(let value): buffer.writeUAByteString(value)
        case .nodeId(let value): value.encode(to: &buffer)
        case .expandedNodeId(let value): value.encode(to: &buffer)
        case .statusCode(let value): value.encode(to: &buffer)
        case .qualifiedName(let value): value.encode(to: &buffer)
        case .localizedText(let value): value.encode(to: &buffer)
        case .extensionObject(let value): value.encode(to: &buffer)
        case .dataValue(let value): value.encode(to: &buffer)
        case .variant(let value): value.encode(to: &buffer)
        case .diagnosticInfo(let value): value.encode(to: &buffer)
        }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        self = try reader.nested("Variant") { reader throws(ConnectorError) in
            let byte = try reader.integer("Variant encoding", as: UInt8.self)
            if byte & 0x3F == 0 { return .null }
            guard let type = OPCUABuiltInType(rawValue: byte & 0x3F) else {
                throw reader.invalid("Variant", "unknown built-in type \(byte & 0x3F)")
            }
            guard byte & Self.arrayFlag != 0 else {
                guard type != .variant else { throw reader.invalid("Variant", "a scalar Variant inside a Variant") }
                return try Self.decodeScalar(type, from: &reader)
            }
            let elements = try reader.array("Variant array") { reader throws(ConnectorError) in
                try type == .variant ? .variant(OPCUAVariant(from: &reader)) : Self.decodeScalar(type, from: &reader)
            }
            var dimensions: [Int32]?
            if byte & Self.dimensionsFlag != 0 {
                dimensions = try reader.array("Variant dimensions") { reader throws(ConnectorError) in
                    try reader.integer("Variant dimension")
                }
            }
            return .array(type, elements, dimensions: dimensions)
        }
    }

    private static func decodeScalar(
        _ type: OPCUABuiltInType, from reader: inout OPCUAReader
    ) throws(ConnectorError) -> OPCUAVariant {
        switch type {
        case .boolean: .boolean(try reader.boolean("Boolean"))
        case .sbyte: .sbyte(try reader.integer("SByte"))
        case .byte: .byte(try reader.integer("Byte"))
        case .int16: .int16(try reader.integer("Int16"))
        case .uint16: .uint16(try reader.integer("UInt16"))
        case .int32: .int32(try reader.integer("Int32"))
        case .uint32: .uint32(try reader.integer("UInt32"))
        case .int64: .int64(try reader.integer("Int64"))
        case .uint64: .uint64(try reader.integer("UInt64"))
        case .float: .float(try reader.float("Float"))
        case .double: .double(try reader.double("Double"))
        case .string: .string(try reader.string("String"))
        case .dateTime: .dateTime(try reader.read())
        case .guid: .guid(try reader.guid("Guid"))
        case .byteString: .byteString(try reader.byteString("ByteString"))
        case .xmlElement: .xmlElement(try reader.string("XmlElement"))
        case .nodeId: .nodeId(try reader.read())
        case .expandedNodeId: .expandedNodeId(try reader.read())
        case .statusCode: .statusCode(try reader.read())
        case .qualifiedName: .qualifiedName(try reader.read())
        case .localizedText: .localizedText(try reader.read())
        case .extensionObject: .extensionObject(try reader.read())
        case .dataValue: .dataValue(try reader.read())
        case .variant: .variant(try reader.read())
        case .diagnosticInfo: .diagnosticInfo(try reader.read())
        }
    }
}
