import NIOCore

/// One Modbus TCP application data unit: the MBAP header (transaction id, protocol id 0, length, unit id) and
/// the PDU it frames.
///
/// ```
/// +----------------+-------------+-----------+---------+---------------------------+
/// | transaction id | protocol id | length    | unit id | PDU (function + data)     |
/// | 2 bytes        | 2 bytes = 0 | 2 bytes   | 1 byte  | length - 1 bytes, ≤ 253   |
/// +----------------+-------------+-----------+---------+---------------------------+
/// ```
public struct ModbusFrame: Hashable, Sendable {
    public var transactionID: UInt16
    public var unitID: UInt8
    /// The PDU bytes: function code and data.
    public var pdu: ByteBuffer

    /// The header's bytes before the unit id; `length` counts the unit id and the PDU.
    public static let headerSize = 6
    /// The largest `length`: a unit id and a 253-byte PDU.
    public static let maximumLength = 254

    public init(transactionID: UInt16, unitID: UInt8, pdu: ByteBuffer) {
        self.transactionID = transactionID
        self.unitID = unitID
        self.pdu = pdu
    }

    /// A frame carrying `request`.
    public init(transactionID: UInt16, unitID: UInt8, request: ModbusRequest) {
        var pdu = ByteBuffer()
        request.encode(into: &pdu)
        self.init(transactionID: transactionID, unitID: unitID, pdu: pdu)
    }

    /// A frame carrying `response`.
    public init(transactionID: UInt16, unitID: UInt8, response: ModbusResponse) {
        var pdu = ByteBuffer()
        response.encode(into: &pdu)
        self.init(transactionID: transactionID, unitID: unitID, pdu: pdu)
    }

    /// Appends header and PDU.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeMultipleIntegers(transactionID, UInt16(0), UInt16(pdu.readableBytes + 1), unitID)
        buffer.writeImmutableBuffer(pdu)
    }

    /// Takes one whole frame off the front of `buffer`, or returns `nil` and leaves it untouched while the
    /// frame is incomplete.
    ///
    /// - Throws: `ConnectorError(.protocolViolation)` for a protocol id other than 0, or a length outside
    ///   2…254 (a frame needs a unit id and a function code; a PDU has at most 253 bytes). The stream cannot
    ///   be resynchronised after that: the caller resets the connection.
    public static func decode(from buffer: inout ByteBuffer) throws(ConnectorError) -> ModbusFrame? {
        guard
            let (transactionID, protocolID, length) = buffer.getMultipleIntegers(
                at: buffer.readerIndex, as: (UInt16, UInt16, UInt16).self)
        else { return nil }
        guard protocolID == 0 else {
            throw ConnectorError(
                .protocolViolation, "MBAP protocol id \(protocolID) in transaction \(transactionID), not 0")
        }
        guard (2...maximumLength).contains(Int(length)) else {
            throw ConnectorError(
                .protocolViolation,
                "MBAP length \(length) in transaction \(transactionID) is outside 2…\(maximumLength)")
        }
        guard buffer.readableBytes >= headerSize + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: headerSize)
        let unitID = buffer.readInteger(as: UInt8.self)!
        let pdu = buffer.readSlice(length: Int(length) - 1)!
        return ModbusFrame(transactionID: transactionID, unitID: unitID, pdu: pdu)
    }
}
