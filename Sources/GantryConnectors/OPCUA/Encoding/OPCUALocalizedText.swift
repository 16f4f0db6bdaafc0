import NIOCore

/// Human-readable text with an optional locale (Part 3, 8.5): display names and descriptions.
public struct OPCUALocalizedText: Hashable, Sendable, CustomStringConvertible {
    public var locale: String?
    public var text: String?

    public init(locale: String? = nil, text: String?) {
        self.locale = locale
        self.text = text
    }

    public var description: String { text ?? "" }
}

extension OPCUALocalizedText: OPCUACodable {
    private static let localeFlag: UInt8 = 0x01
    private static let textFlag: UInt8 = 0x02

    func encode(to buffer: inout ByteBuffer) {
        buffer.writeInteger((locale == nil ? 0 : Self.localeFlag) | (text == nil ? 0 : Self.textFlag))
        if let locale { buffer.writeUAString(locale) }
        if let text { buffer.writeUAString(text) }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        let mask = try reader.integer("LocalizedText mask", as: UInt8.self)
        locale = try mask & Self.localeFlag != 0 ? reader.string("LocalizedText locale") : nil
        text = try mask & Self.textFlag != 0 ? reader.string("LocalizedText text") : nil
    }
}
