import Foundation
import NIOCore

/// Writers for the OPC UA binary encoding (Part 6, 5.2): the counterpart of `OPCUAReader`.
extension ByteBuffer {
    mutating func writeUA<T: FixedWidthInteger>(_ value: T) {
        writeInteger(value, endianness: .little)
    }

    mutating func writeUABoolean(_ value: Bool) {
        writeInteger(value ? UInt8(1) : 0)
    }

    mutating func writeUAFloat(_ value: Float) {
        writeUA(value.bitPattern)
    }

    mutating func writeUADouble(_ value: Double) {
        writeUA(value.bitPattern)
    }

    /// A string as Int32 length and UTF-8 bytes; `nil` as the null string (length -1).
    mutating func writeUAString(_ value: String?) {
        guard let value else { return writeUA(Int32(-1)) }
        let utf8 = Array(value.utf8)
        writeUA(Int32(utf8.count))
        writeBytes(utf8)
    }

    mutating func writeUAByteString(_ value: [UInt8]?) {
        guard let value else { return writeUA(Int32(-1)) }
        writeUA(Int32(value.count))
        writeBytes(value)
    }

    /// An array as Int32 count and elements; `nil` as the null array (count -1).
    mutating func writeUAArray<T>(_ elements: [T]?, _ element: (inout ByteBuffer, T) -> Void) {
        guard let elements else { return writeUA(Int32(-1)) }
        writeUA(Int32(elements.count))
        for value in elements { element(&self, value) }
    }

    mutating func writeUAGuid(_ value: UUID) {
        let b = value.uuid
        writeUA(UInt32(b.0) << 24 | UInt32(b.1) << 16 | UInt32(b.2) << 8 | UInt32(b.3))
        writeUA(UInt16(b.4) << 8 | UInt16(b.5))
        writeUA(UInt16(b.6) << 8 | UInt16(b.7))
        writeBytes([b.8, b.9, b.10, b.11, b.12, b.13, b.14, b.15])
    }

    mutating func writeUA(_ value: some OPCUAEncodable) {
        value.encode(to: &self)
    }
}

/// A value with an OPC UA binary encoding.
protocol OPCUAEncodable {
    func encode(to buffer: inout ByteBuffer)
}

/// A value that can be read from the OPC UA binary encoding.
protocol OPCUADecodable {
    init(from reader: inout OPCUAReader) throws(ConnectorError)
}

typealias OPCUACodable = OPCUADecodable & OPCUAEncodable

extension OPCUAReader {
    mutating func read<T: OPCUADecodable>(_ type: T.Type = T.self) throws(ConnectorError) -> T {
        try T(from: &self)
    }
}
