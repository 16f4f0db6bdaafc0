import Foundation
import NIOCore

/// Reads the OPC UA binary encoding (Part 6, 5.2) from a message body: little-endian numbers, length-prefixed
/// strings and arrays. Every read checks the bytes left first, so a truncated or lying message becomes a
/// `ConnectorError(.protocolViolation)` naming what was being read and at which offset, never a crash.
struct OPCUAReader {
    /// The longest string or array accepted, so a corrupt length cannot make the client allocate gigabytes.
    static let maximumLength = 16 * 1024 * 1024
    /// How deep variants, data values and diagnostic infos may nest before the message counts as hostile.
    static let maximumNesting = 16

    private(set) var buffer: ByteBuffer
    private let start: Int
    /// How deep the current decode is inside nested variants; guarded by `nested(_:_:)`.
    private var nesting = 0

    init(_ buffer: ByteBuffer) {
        self.buffer = buffer
        self.start = buffer.readerIndex
    }

    /// Bytes read so far, for error messages.
    var offset: Int { buffer.readerIndex - start }
    var remaining: Int { buffer.readableBytes }

    func truncated(_ what: String, needs: Int) -> ConnectorError {
        ConnectorError(
            .protocolViolation,
            "truncated OPC UA message: \(what) needs \(needs) byte(s) at offset \(offset), \(remaining) left")
    }

    func invalid(_ what: String, _ reason: String) -> ConnectorError {
        ConnectorError(.protocolViolation, "invalid OPC UA message: \(what) at offset \(offset): \(reason)")
    }

    mutating func integer<T: FixedWidthInteger>(_ what: String, as type: T.Type = T.self) throws(ConnectorError) -> T {
        guard let value = buffer.readInteger(endianness: .little, as: T.self) else {
            throw truncated(what, needs: MemoryLayout<T>.size)
        }
        return value
    }

    mutating func boolean(_ what: String) throws(ConnectorError) -> Bool {
        try integer(what, as: UInt8.self) != 0
    }

    mutating func float(_ what: String) throws(ConnectorError) -> Float {
        Float(bitPattern: try integer(what, as: UInt32.self))
    }

    mutating func double(_ what: String) throws(ConnectorError) -> Double {
        Double(bitPattern: try integer(what, as: UInt64.self))
    }

    /// `count` raw bytes as a slice of the message.
    mutating func slice(_ what: String, count: Int) throws(ConnectorError) -> ByteBuffer {
        guard let bytes = buffer.readSlice(length: count) else { throw truncated(what, needs: count) }
        return bytes
    }

    /// A length prefix (Int32) of a string, byte string or array: `nil` for -1 (null), checked against the
    /// bytes left (every element takes at least one byte) and the maximum.
    mutating func length(_ what: String) throws(ConnectorError) -> Int? {
        let length = try integer("\(what) length", as: Int32.self)
        if length == -1 { return nil }
        guard length >= 0 else { throw invalid("\(what) length", "negative length \(length)") }
        guard length <= remaining else { throw truncated(what, needs: Int(length)) }
        guard length <= Self.maximumLength else { throw invalid(what, "length \(length) is above the limit") }
        return Int(length)
    }

    mutating func string(_ what: String) throws(ConnectorError) -> String? {
        guard let count = try length(what) else { return nil }
        let bytes = try slice(what, count: count)
        return String(decoding: bytes.readableBytesView, as: UTF8.self)
    }

    mutating func byteString(_ what: String) throws(ConnectorError) -> [UInt8]? {
        guard let count = try length(what) else { return nil }
        return Array(try slice(what, count: count).readableBytesView)
    }

    /// An array of `what`, each element read by `element`; a null array reads as empty.
    mutating func array<T>(
        _ what: String, _ element: (inout OPCUAReader) throws(ConnectorError) -> T
    ) throws(ConnectorError) -> [T] {
        guard let count = try length(what) else { return [] }
        var elements: [T] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }

    mutating func guid(_ what: String) throws(ConnectorError) -> UUID {
        let data1 = try integer(what, as: UInt32.self)
        let data2 = try integer(what, as: UInt16.self)
        let data3 = try integer(what, as: UInt16.self)
        let tail = Array(try slice(what, count: 8).readableBytesView)
        return UUID(
            uuid: (
                UInt8(data1 >> 24), UInt8(truncatingIfNeeded: data1 >> 16), UInt8(truncatingIfNeeded: data1 >> 8),
                UInt8(truncatingIfNeeded: data1), UInt8(data2 >> 8), UInt8(truncatingIfNeeded: data2),
                UInt8(data3 >> 8), UInt8(truncatingIfNeeded: data3), tail[0], tail[1], tail[2], tail[3], tail[4],
                tail[5], tail[6], tail[7]
            ))
    }

    /// Runs `body` one nesting level deeper, refusing messages that nest beyond `maximumNesting`.
    mutating func nested<T>(
        _ what: String, _ body: (inout OPCUAReader) throws(ConnectorError) -> T
    ) throws(ConnectorError) -> T {
        guard nesting < Self.maximumNesting else { throw invalid(what, "nested too deep") }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    /// Fails unless every byte was read: a response with trailing bytes was not the message it claimed.
    func expectEnd(_ what: String) throws(ConnectorError) {
        guard remaining == 0 else { throw invalid(what, "\(remaining) unexpected trailing byte(s)") }
    }
}
