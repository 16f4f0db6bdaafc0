import GantryConnectors
import GantryTesting
import Logging
import Testing

/// The probe the CLI prints: argument parsing, and its lines against the pymodbus peer.
@Suite struct ModbusProbeTests {
    static let logger = Logger.quiet

    @Test func printsWhatItWroteAndRead() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let lines = try await ModbusProbe.run(
                url: "modbus://127.0.0.1:\(peer.port)", unit: 1,
                reads: [
                    "holding:12", "holding:10:float32", "coil:0", "discrete:0:bool", "input:4:uint16",
                    "input:0:float32",
                ],
                writes: ["holding:12:uint16=4660", "holding:10:float32=72.5"], logger: Self.logger)
            #expect(lines.count == 8)
            #expect(
                Array(lines.prefix(5)) == [
                    "holding:12:uint16 = 4660 (written)", "holding:10:float32 = 72.5 (written)",
                    "holding:12:uint16 = 4660 (good)", "holding:10:float32 = 72.5 (good)", "coil:0:bool = true (good)",
                ])
            #expect(lines[5] == "discrete:0:bool = false (good)")
            #expect(lines[6].hasPrefix("input:4:uint16 = 1") && lines[6].hasSuffix(" (good)"))
            #expect(lines[7].hasPrefix("input:0:float32 = ") && lines[7].hasSuffix(" (good)"))
        }
    }

    @Test func anExceptionIsAPreciseError() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let error = await #expect(throws: ConnectorError.self) {
                try await ModbusProbe.run(
                    url: "modbus://127.0.0.1:\(peer.port)", unit: 1, reads: [], writes: ["holding:0=1"],
                    logger: Self.logger)
            }
            #expect(
                error
                    == ConnectorError(
                        .refused,
                        "illegal data address at holding 0 (exception 02 to write single register (6), unit 1)"))
        }
    }

    @Test func anAbsentDeviceIsUnreachable() async throws {
        let port = RefusedPort.number
        let error = await #expect(throws: ConnectorError.self) {
            try await ModbusProbe.run(
                url: "modbus://127.0.0.1:\(port)", unit: 1, reads: ["input:0"], writes: [], logger: Self.logger)
        }
        #expect(error?.code == .unreachable)
    }

    @Test(arguments: [
        ("http://plc", [String](), [String](), "\"http://plc\": a Modbus URL starts with modbus://"),
        ("modbus://plc:99999", [], [], "\"modbus://plc:99999\": the port is not a number 1…65535"),
        (
            "modbus://plc", ["register:0"], [],
            "\"register:0\": unknown table \"register\" (coil, discrete, input, holding)"
        ),
        ("modbus://plc", ["input:x"], [], "\"input:x\": address \"x\" is not a number 0…65535"),
        (
            "modbus://plc", ["input:0:float"], [],
            "\"input:0:float\": unknown type \"float\" (int16, uint16, int32, uint32, float32, float64, bool, bitN, stringN)"
        ),
        ("modbus://plc", ["input:0:bit16"], [], "\"input:0:bit16\": point \"input:0:bit16\": bit 16 is outside 0…15"),
        (
            "modbus://plc", ["input:0:float32:abdc"], [],
            "\"input:0:float32:abdc\": unknown order \"abdc\" (abcd, cdab, badc, dcba)"
        ),
        ("modbus://plc", [], ["holding:12"], "\"holding:12\": expected TABLE:ADDRESS[:TYPE]=VALUE"),
        ("modbus://plc", [], ["coil:0=maybe"], "\"coil:0=maybe\": \"maybe\" is not a bool value"),
    ])
    func refusesArgumentsThatDoNotParse(url: String, reads: [String], writes: [String], message: String) async {
        let error = await #expect(throws: ConnectorError.self) {
            try await ModbusProbe.run(url: url, unit: 1, reads: reads, writes: writes, logger: Self.logger)
        }
        #expect(error == ConnectorError(.invalidConfiguration, message))
    }

    @Test func parsesTargets() throws {
        let target = try ModbusProbeTarget(parsing: "holding:20:string4:badc")
        #expect(target.name == "holding:20:string4:badc")
        #expect(target.point.type == .string && target.point.length == 4 && target.point.byteOrder == .littleEndian)
        let bit = try ModbusProbeTarget(parsing: "input:5:bit3")
        #expect(bit.point.type == .bool && bit.point.bit == 3)
        #expect(try ModbusProbeTarget(parsing: "coil:7").name == "coil:7:bool")
    }
}
