import NIOCore

/// A value with its status and timestamps (Part 4, 7.11; Part 6, 5.2.2.17): what Read and data-change
/// notifications give. The encoding mask says which fields are present.
public struct OPCUADataValue: Hashable, Sendable {
    public var value: OPCUAVariant?
    /// The status as sent; `nil` when the server left it out, which means Good.
    public var statusCode: OPCUAStatusCode?
    public var sourceTimestamp: OPCUADateTime?
    public var sourcePicoseconds: UInt16?
    public var serverTimestamp: OPCUADateTime?
    public var serverPicoseconds: UInt16?

    public init(
        value: OPCUAVariant? = nil, statusCode: OPCUAStatusCode? = nil, sourceTimestamp: OPCUADateTime? = nil,
        serverTimestamp: OPCUADateTime? = nil
    ) {
        self.value = value
        self.statusCode = statusCode
        self.sourceTimestamp = sourceTimestamp
        self.serverTimestamp = serverTimestamp
    }

    /// The status, Good when absent.
    public var status: OPCUAStatusCode { statusCode ?? .good }

    /// When the value was measured: the source timestamp, else the server's, else `nil`.
    public var timestamp: OPCUADateTime? {
        if let sourceTimestamp, !sourceTimestamp.isNone { return sourceTimestamp }
        if let serverTimestamp, !serverTimestamp.isNone { return serverTimestamp }
        return nil
    }
}

extension OPCUADataValue: OPCUACodable {
    private enum Flag {
        static let value: UInt8 = 0x01, status: UInt8 = 0x02, sourceTimestamp: UInt8 = 0x04
        static let serverTimestamp: UInt8 = 0x08, sourcePicoseconds: UInt8 = 0x10, serverPicoseconds: UInt8 = 0x20
    }

    func encode(to buffer: inout ByteBuffer) {
        var mask: UInt8 = 0
        if value != nil { mask |= Flag.value }
        if statusCode != nil { mask |= Flag.status }
        if sourceTimestamp != nil { mask |= Flag.sourceTimestamp }
        if serverTimestamp != nil { mask |= Flag.serverTimestamp }
        if sourcePicoseconds != nil { mask |= Flag.sourcePicoseconds }
        if serverPicoseconds != nil { mask |= Flag.serverPicoseconds }
        buffer.writeInteger(mask)
        if let value { value.encode(to: &buffer) }
        if let statusCode { statusCode.encode(to: &buffer) }
        if let sourceTimestamp { sourceTimestamp.encode(to: &buffer) }
        if let sourcePicoseconds { buffer.writeUA(sourcePicoseconds) }
        if let serverTimestamp { serverTimestamp.encode(to: &buffer) }
        if let serverPicoseconds { buffer.writeUA(serverPicoseconds) }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        let mask = try reader.integer("DataValue mask", as: UInt8.self)
        self = try reader.nested("DataValue") { reader throws(ConnectorError) in
            var result = OPCUADataValue()
            if mask & Flag.value != 0 { result.value = try reader.read() }
            if mask & Flag.status != 0 { result.statusCode = try reader.read() }
            if mask & Flag.sourceTimestamp != 0 { result.sourceTimestamp = try reader.read() }
            if mask & Flag.sourcePicoseconds != 0 { result.sourcePicoseconds = try reader.integer("source ps") }
            if mask & Flag.serverTimestamp != 0 { result.serverTimestamp = try reader.read() }
            if mask & Flag.serverPicoseconds != 0 { result.serverPicoseconds = try reader.integer("server ps") }
            return result
        }
    }
}
