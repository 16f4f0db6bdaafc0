import NIOCore

/// Reads one PDU's fields, failing with a protocol violation that says which function, which field and how
/// many bytes were there, so a decoding error in the field can be matched to the wire.
struct ModbusPDUReader {
    private var buffer: ByteBuffer
    let what: String

    init(_ pdu: ByteBuffer, what: String) {
        self.buffer = pdu
        self.what = what
    }

    /// Fails unless exactly `count` bytes remain (the PDU's length is fixed from here on).
    func expectRemaining(_ count: Int) throws(ConnectorError) {
        guard buffer.readableBytes == count else {
            throw ConnectorError(
                .protocolViolation,
                "\(what) has \(buffer.readableBytes) data bytes after the function code, expected \(count)")
        }
    }

    mutating func uint8() throws(ConnectorError) -> UInt8 {
        guard let value = buffer.readInteger(as: UInt8.self) else { throw truncated() }
        return value
    }

    mutating func uint16() throws(ConnectorError) -> UInt16 {
        guard let value = buffer.readInteger(as: UInt16.self) else { throw truncated() }
        return value
    }

    /// Reads a byte count and the bytes it announces, which must be all that is left.
    mutating func counted() throws(ConnectorError) -> [UInt8] {
        let count = try uint8()
        guard buffer.readableBytes == Int(count) else {
            throw ConnectorError(
                .protocolViolation,
                "\(what) announces a byte count of \(count) but carries \(buffer.readableBytes) data bytes")
        }
        return buffer.readBytes(length: Int(count)) ?? []
    }

    /// A coil value of FC5: 0xFF00 on, 0x0000 off, anything else a violation.
    mutating func coilValue() throws(ConnectorError) -> Bool {
        let raw = try uint16()
        switch raw {
        case 0xFF00: return true
        case 0x0000: return false
        default:
            throw ConnectorError(
                .protocolViolation, "\(what) has coil value 0x\(String(raw, radix: 16)), not FF00 or 0000")
        }
    }

    private func truncated() -> ConnectorError {
        ConnectorError(.protocolViolation, "\(what) is truncated")
    }
}
