import GantryConnectors
import NIOCore
import Testing

/// MBAP framing: whole frames come off the stream, partial ones wait, impossible headers are violations.
@Suite struct ModbusFrameTests {
    @Test func waitsForAWholeFrame() throws {
        let wire = Hex.buffer("00010000000f01040c423f68450000000b0091000b")
        for cut in 0..<wire.readableBytes {
            var partial = wire.getSlice(at: 0, length: cut)!
            #expect(try ModbusFrame.decode(from: &partial) == nil)
            #expect(partial.readableBytes == cut, "an incomplete frame leaves the buffer untouched")
        }
        var whole = wire
        whole.writeBytes([0x00, 0x02])
        let frame = try #require(try ModbusFrame.decode(from: &whole))
        #expect(frame.transactionID == 1 && frame.unitID == 1 && frame.pdu.readableBytes == 14)
        #expect(whole.readableBytes == 2)
    }

    @Test(arguments: [
        ("000100000000", "MBAP length 0 in transaction 1 is outside 2…254"),
        ("000200000001", "MBAP length 1 in transaction 2 is outside 2…254"),
        ("0003000000ff", "MBAP length 255 in transaction 3 is outside 2…254"),
        ("00040000ffff", "MBAP length 65535 in transaction 4 is outside 2…254"),
        ("000500010006", "MBAP protocol id 1 in transaction 5, not 0"),
    ])
    func refusesImpossibleHeaders(hex: String, message: String) {
        var buffer = Hex.buffer(hex)
        let error = #expect(throws: ConnectorError.self) { try ModbusFrame.decode(from: &buffer) }
        #expect(error == ConnectorError(.protocolViolation, message))
    }

    @Test func acceptsTheLongestFrame() throws {
        let response = ModbusResponse.registers(.holdingRegister, Array(repeating: 0xA5A5, count: 125))
        var wire = ByteBuffer()
        ModbusFrame(transactionID: 9, unitID: 1, response: response).encode(into: &wire)
        #expect(wire.readableBytes == 6 + 1 + 252, "a unit id and a 252-byte PDU")
        let frame = try #require(try ModbusFrame.decode(from: &wire))
        #expect(try ModbusResponse.decode(frame.pdu) == response)
    }
}
