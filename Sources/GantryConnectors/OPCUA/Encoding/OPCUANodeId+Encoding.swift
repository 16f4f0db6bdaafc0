import NIOCore

/// The NodeId binary encodings (Part 6, 5.2.2.9), chosen smallest first as the standard asks: two-byte,
/// four-byte, numeric, string, GUID, opaque.
extension OPCUANodeId: OPCUACodable {
    enum EncodingByte: UInt8 {
        case twoByte = 0, fourByte = 1, numeric = 2, string = 3, guid = 4, byteString = 5
    }

    func encode(to buffer: inout ByteBuffer) {
        encode(to: &buffer, flags: 0)
    }

    /// Encodes with `flags` (the ExpandedNodeId's namespace URI and server index bits) in the encoding byte.
    func encode(to buffer: inout ByteBuffer, flags: UInt8) {
        switch identifier {
        case .numeric(let value) where namespace == 0 && value <= UInt8.max:
            buffer.writeInteger(EncodingByte.twoByte.rawValue | flags)
            buffer.writeInteger(UInt8(value))
        case .numeric(let value) where namespace <= UInt8.max && value <= UInt16.max:
            buffer.writeInteger(EncodingByte.fourByte.rawValue | flags)
            buffer.writeInteger(UInt8(namespace))
            buffer.writeUA(UInt16(value))
        case .numeric(let value):
            buffer.writeInteger(EncodingByte.numeric.rawValue | flags)
            buffer.writeUA(namespace)
            buffer.writeUA(value)
        case .string(let value):
            buffer.writeInteger(EncodingByte.string.rawValue | flags)
            buffer.writeUA(namespace)
            buffer.writeUAString(value)
        case .guid(let value):
            buffer.writeInteger(EncodingByte.guid.rawValue | flags)
            buffer.writeUA(namespace)
            buffer.writeUAGuid(value)
        case .opaque(let value):
            buffer.writeInteger(EncodingByte.byteString.rawValue | flags)
            buffer.writeUA(namespace)
            buffer.writeUAByteString(value)
        }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        let byte = try reader.integer("NodeId encoding", as: UInt8.self)
        guard byte & 0xC0 == 0 else {
            throw reader.invalid("NodeId", "expanded flags 0x\(String(byte, radix: 16)) in a plain NodeId")
        }
        try self.init(from: &reader, encodingByte: byte)
    }

    /// Reads the NodeId after its encoding byte, whose top two bits (ExpandedNodeId flags) are ignored here.
    init(from reader: inout OPCUAReader, encodingByte: UInt8) throws(ConnectorError) {
        guard let encoding = EncodingByte(rawValue: encodingByte & 0x3F) else {
            throw reader.invalid("NodeId", "unknown encoding byte 0x\(String(encodingByte, radix: 16))")
        }
        switch encoding {
        case .twoByte:
            self = .numeric(UInt32(try reader.integer("two-byte NodeId", as: UInt8.self)))
        case .fourByte:
            let namespace = UInt16(try reader.integer("four-byte NodeId namespace", as: UInt8.self))
            self = .numeric(UInt32(try reader.integer("four-byte NodeId", as: UInt16.self)), namespace: namespace)
        case .numeric:
            let namespace = try reader.integer("NodeId namespace", as: UInt16.self)
            self = .numeric(try reader.integer("numeric NodeId", as: UInt32.self), namespace: namespace)
        case .string:
            let namespace = try reader.integer("NodeId namespace", as: UInt16.self)
            self.init(namespace: namespace, .string(try reader.string("string NodeId") ?? ""))
        case .guid:
            let namespace = try reader.integer("NodeId namespace", as: UInt16.self)
            self.init(namespace: namespace, .guid(try reader.guid("GUID NodeId")))
        case .byteString:
            let namespace = try reader.integer("NodeId namespace", as: UInt16.self)
            self.init(namespace: namespace, .opaque(try reader.byteString("opaque NodeId") ?? []))
        }
    }
}
