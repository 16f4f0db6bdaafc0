import NIOCore

/// Vendor diagnostics a server may attach to a result (Part 4, 7.12). The client asks for none, but must still
/// read past them when a server sends them anyway.
public struct OPCUADiagnosticInfo: Hashable, Sendable {
    public var symbolicId: Int32?
    public var namespaceURI: Int32?
    public var locale: Int32?
    public var localizedText: Int32?
    public var additionalInfo: String?
    public var innerStatusCode: OPCUAStatusCode?
    /// The nested diagnostic info, zero or one element.
    public var inner: [OPCUADiagnosticInfo] = []

    public init() {}
}

extension OPCUADiagnosticInfo: OPCUACodable {
    private enum Flag {
        static let symbolicId: UInt8 = 0x01, namespaceURI: UInt8 = 0x02, localizedText: UInt8 = 0x04
        static let locale: UInt8 = 0x08, additionalInfo: UInt8 = 0x10, innerStatusCode: UInt8 = 0x20
        static let inner: UInt8 = 0x40
    }

    func encode(to buffer: inout ByteBuffer) {
        var mask: UInt8 = 0
        if symbolicId != nil { mask |= Flag.symbolicId }
        if namespaceURI != nil { mask |= Flag.namespaceURI }
        if localizedText != nil { mask |= Flag.localizedText }
        if locale != nil { mask |= Flag.locale }
        if additionalInfo != nil { mask |= Flag.additionalInfo }
        if innerStatusCode != nil { mask |= Flag.innerStatusCode }
        if !inner.isEmpty { mask |= Flag.inner }
        buffer.writeInteger(mask)
        if let symbolicId { buffer.writeUA(symbolicId) }
        if let namespaceURI { buffer.writeUA(namespaceURI) }
        if let locale { buffer.writeUA(locale) }
        if let localizedText { buffer.writeUA(localizedText) }
        if let additionalInfo { buffer.writeUAString(additionalInfo) }
        if let innerStatusCode { innerStatusCode.encode(to: &buffer) }
        if let first = inner.first { first.encode(to: &buffer) }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        self.init()
        let mask = try reader.integer("DiagnosticInfo mask", as: UInt8.self)
        if mask & Flag.symbolicId != 0 { symbolicId = try reader.integer("DiagnosticInfo symbolic id") }
        if mask & Flag.namespaceURI != 0 { namespaceURI = try reader.integer("DiagnosticInfo namespace") }
        if mask & Flag.locale != 0 { locale = try reader.integer("DiagnosticInfo locale") }
        if mask & Flag.localizedText != 0 { localizedText = try reader.integer("DiagnosticInfo text") }
        if mask & Flag.additionalInfo != 0 { additionalInfo = try reader.string("DiagnosticInfo additional info") }
        if mask & Flag.innerStatusCode != 0 { innerStatusCode = try reader.read() }
        if mask & Flag.inner != 0 {
            let nested: OPCUADiagnosticInfo = try reader.nested("DiagnosticInfo") { reader throws(ConnectorError) in
                try reader.read()
            }
            inner = [nested]
        }
    }
}
