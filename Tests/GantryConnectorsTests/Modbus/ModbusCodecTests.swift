import GantryConnectors
import GantryCore
import NIOCore
import Testing

/// The PDU and MBAP codec: every function round trips, and every kind of broken input fails precisely.
@Suite struct ModbusCodecTests {
    static let requests: [ModbusRequest] = [
        .read(.coil, address: 0, count: 1), .read(.discreteInput, address: 7, count: 2000),
        .read(.holdingRegister, address: 40, count: 125), .read(.inputRegister, address: 65_535, count: 1),
        .writeCoil(address: 3, value: true), .writeCoil(address: 4, value: false),
        .writeRegister(address: 12, value: 0xBEEF),
        .writeCoils(address: 20, values: [true, false, true, true, false, false, false, true, true]),
        .writeRegisters(address: 10, values: [0x4291, 0x0000, 0xFFFF]),
    ]

    static let responses: [ModbusResponse] = [
        .bits(.coil, [true, false, false, false, false, false, false, false]),
        .bits(
            .discreteInput, [false, true, false, false, false, false, false, true] + Array(repeating: true, count: 8)),
        .registers(.holdingRegister, [1, 2, 0xFFFF]), .registers(.inputRegister, []),
        .wroteCoil(address: 0, value: true), .wroteRegister(address: 12, value: 7),
        .wroteCoils(address: 20, count: 9), .wroteRegisters(address: 10, count: 2),
        .exception(function: 3, code: .illegalDataAddress), .exception(function: 0x2B, code: .serverDeviceBusy),
    ]

    @Test(arguments: requests)
    func requestRoundTrips(request: ModbusRequest) throws {
        var pdu = ByteBuffer()
        request.encode(into: &pdu)
        #expect(try ModbusRequest.decode(pdu) == request)
        var wire = ByteBuffer()
        ModbusFrame(transactionID: 0x1234, unitID: 9, request: request).encode(into: &wire)
        let frame = try #require(try ModbusFrame.decode(from: &wire))
        #expect(wire.readableBytes == 0)
        #expect(frame.transactionID == 0x1234 && frame.unitID == 9)
        #expect(try ModbusRequest.decode(frame.pdu) == request)
    }

    @Test(arguments: responses)
    func responseRoundTrips(response: ModbusResponse) throws {
        var pdu = ByteBuffer()
        response.encode(into: &pdu)
        #expect(try ModbusResponse.decode(pdu) == response)
    }

    @Test func encodesTheSpecificationsExamples() {
        var pdu = ByteBuffer()
        ModbusRequest.writeCoils(address: 19, values: [true, false, true, true, false, false, true, true, true, false])
            .encode(into: &pdu)
        #expect(Hex.string(pdu) == "0f0013000a02cd01")
        pdu.clear()
        ModbusRequest.writeCoil(address: 172, value: true).encode(into: &pdu)
        #expect(Hex.string(pdu) == "0500acff00")
    }

    @Test(arguments: [
        ("0300000001ff", "read holding registers (3) request has 5 data bytes after the function code, expected 4"),
        ("2b0e0100", "unknown Modbus function code 43 (0x2B)"),
        ("10000a0002030000", "write multiple registers (16) request announces a byte count of 3 but carries 2"),
        ("10000a000302abcd", "write multiple registers (16) request of 3 registers has byte count 2"),
        ("0500000012", "write single coil (5) request has coil value 0x12, not FF00 or 0000"),
        ("030000007e", "read holding registers (3) of 126 items: the limit is 1…125"),
        ("", "empty Modbus request PDU"),
    ])
    func refusesBrokenRequests(hex: String, message: String) {
        let error = #expect(throws: ConnectorError.self) { try ModbusRequest.decode(Hex.buffer(hex)) }
        #expect(error?.code == .protocolViolation)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        ("0304abcd", "read holding registers (3) response announces a byte count of 4 but carries 2 data bytes"),
        ("0303abcdef", "read holding registers (3) response has an odd byte count 3"),
        ("0302ab", "read holding registers (3) response announces a byte count of 2 but carries 1 data bytes"),
        ("07", "unknown Modbus function code 7 (0x07)"),
        ("0610", "write single register (6) response has 1 data bytes after the function code, expected 4"),
        ("8302ff", "exception response to function 3 has 2 data bytes after the function code, expected 1"),
        ("01", "read coils (1) response is truncated"),
    ])
    func refusesBrokenResponses(hex: String, message: String) {
        let error = #expect(throws: ConnectorError.self) { try ModbusResponse.decode(Hex.buffer(hex)) }
        #expect(error?.code == .protocolViolation)
        #expect(error?.message == message)
    }

    @Test func matchesAnswersToRequests() {
        let read = ModbusRequest.read(.inputRegister, address: 0, count: 6)
        #expect(
            ModbusResponse.registers(.inputRegister, Array(repeating: 0, count: 6)).mismatch(answering: read) == nil)
        #expect(ModbusResponse.exception(function: 4, code: .illegalDataAddress).mismatch(answering: read) == nil)
        #expect(
            ModbusResponse.registers(.inputRegister, [1, 2]).mismatch(answering: read)
                == "byte count 4 for 6 registers, expected 12")
        #expect(ModbusResponse.registers(.holdingRegister, [1]).mismatch(answering: read) != nil)
        #expect(
            ModbusResponse.bits(.coil, Array(repeating: false, count: 16)).mismatch(
                answering: .read(.coil, address: 0, count: 9)) == nil)
        #expect(
            ModbusResponse.wroteRegister(address: 12, value: 1).mismatch(
                answering: .writeRegister(address: 12, value: 2)) != nil)
    }

    @Test(arguments: [
        (ModbusExceptionCode.illegalFunction, Quality(statusCode: 0x803D_0000), "illegal function"),
        (.illegalDataAddress, ConnectorQuality.addressUnknown, "illegal data address"),
        (.illegalDataValue, ConnectorQuality.outOfRange, "illegal data value"),
        (.serverDeviceFailure, ConnectorQuality.deviceFailure, "server device failure"),
        (.serverDeviceBusy, Quality(statusCode: 0x8004_0000), "server device busy"),
        (.gatewayTargetFailedToRespond, Quality(statusCode: 0x8031_0000), "gateway target device failed to respond"),
        (ModbusExceptionCode(rawValue: 0x42), ConnectorQuality.communicationError, "exception 66"),
    ])
    func mapsExceptionsToQuality(code: ModbusExceptionCode, quality: Quality, name: String) {
        #expect(code.quality == quality)
        #expect(code.description == name)
    }
}
