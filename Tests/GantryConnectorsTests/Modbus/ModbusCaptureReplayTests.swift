import GantryConnectors
import NIOCore
import Testing

/// The recorded pymodbus session (`captures/modbus_pymodbus_session.jsonl`), byte for byte: every frame
/// decodes, re-encodes to the same bytes, and every response answers the request before it.
@Suite struct ModbusCaptureReplayTests {
    @Test func everyFrameRoundTrips() throws {
        let frames = try CapturedFrame.load()
        #expect(frames.count == 32)
        var request: ModbusRequest?
        for captured in frames {
            var wire = Hex.buffer(captured.hex)
            let frame = try #require(try ModbusFrame.decode(from: &wire))
            #expect(wire.readableBytes == 0)
            var again = ByteBuffer()
            if captured.dir == "c2s" {
                let decoded = try ModbusRequest.decode(frame.pdu)
                ModbusFrame(transactionID: frame.transactionID, unitID: frame.unitID, request: decoded)
                    .encode(into: &again)
                request = decoded
            } else {
                let decoded = try ModbusResponse.decode(frame.pdu)
                ModbusFrame(transactionID: frame.transactionID, unitID: frame.unitID, response: decoded)
                    .encode(into: &again)
                #expect(decoded.mismatch(answering: try #require(request)) == nil, "\(captured.hex)")
            }
            #expect(Hex.string(again) == captured.hex)
        }
    }

    @Test func decodesTheSessionFedOneByteAtATime() throws {
        let frames = try CapturedFrame.load()
        for direction in ["c2s", "s2c"] {
            let expected = frames.filter { $0.dir == direction }.map(\.hex)
            var stream = ByteBuffer()
            var decoded: [String] = []
            for byte in expected.joined().chunks(of: 2) {
                stream.writeImmutableBuffer(Hex.buffer(String(byte)))
                while let frame = try ModbusFrame.decode(from: &stream) {
                    var again = ByteBuffer()
                    frame.encode(into: &again)
                    decoded.append(Hex.string(again))
                }
            }
            #expect(decoded == expected)
            #expect(stream.readableBytes == 0)
        }
    }

    @Test func readsThePeersValuesFromTheCapture() throws {
        // The first answer to `read input registers 0…5`: temperature, counter, pressure, tick.
        let frame = try #require(
            try { () throws -> ModbusFrame? in
                var wire = Hex.buffer("00010000000f01040c423f68450000000b0091000b")
                return try ModbusFrame.decode(from: &wire)
            }())
        let response = try ModbusResponse.decode(frame.pdu)
        let points = [
            ModbusPoint(name: "temperature", table: .inputRegister, address: 0, type: .float32),
            ModbusPoint(name: "counter", table: .inputRegister, address: 2, type: .uint32),
            ModbusPoint(name: "pressure", table: .inputRegister, address: 4, type: .uint16, scale: 0.01),
            ModbusPoint(name: "tick", table: .inputRegister, address: 5, type: .uint16),
        ]
        let block = try #require(ModbusRequestPlanner().plan(points).first)
        #expect(block.request == .read(.inputRegister, address: 0, count: 6))
        let values = points.map { block.value(of: $0, in: response).0 }
        #expect(values[0] == .double(Double(Float(bitPattern: 0x423F_6845))))
        #expect(values[1] == .int(11))
        #expect(values[2] == .double(145 * 0.01))
        #expect(values[3] == .int(11))
    }
}

extension String {
    /// The string cut into pieces of `size` characters.
    fileprivate func chunks(of size: Int) -> [Substring] {
        stride(from: 0, to: count, by: size).map { offset in
            let start = index(startIndex, offsetBy: offset)
            return self[start..<index(start, offsetBy: size)]
        }
    }
}
