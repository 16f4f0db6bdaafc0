import GantryConnectors
import GantryCore
import GantryTesting
import Logging
import Testing

/// The client against the real pymodbus peer: every point type it offers, writes read back, exceptions.
@Suite struct ModbusPeerTests {
    static let logger = Logger.quiet
    static let processPoints = [
        ModbusPoint(name: "temperature", table: .inputRegister, address: 0, type: .float32),
        ModbusPoint(name: "counter", table: .inputRegister, address: 2, type: .uint32),
        ModbusPoint(name: "pressure", table: .inputRegister, address: 4, type: .uint16, scale: 0.01),
        ModbusPoint(name: "tick", table: .inputRegister, address: 5, type: .uint16),
        ModbusPoint(name: "running", table: .coil, address: 0, type: .bool),
        ModbusPoint(name: "overTemperature", table: .discreteInput, address: 0, type: .bool),
        ModbusPoint(name: "mirror", table: .holdingRegister, address: 0, type: .float32),
    ]

    /// One request in flight: pymodbus 3.16's server answers only one of several frames that arrive in one TCP
    /// segment (sometimes twice), so it is a device that does not allow pipelining.
    static func connect(_ peer: ProtocolPeer) async throws -> ModbusClient {
        try await ModbusClient.connect(
            host: "127.0.0.1", port: peer.port, options: .init(timeout: .seconds(5), maximumInFlight: 1), logger: logger
        )
    }

    @Test func readsEveryPointTypeThePeerOffers() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let client = try await Self.connect(peer)
            let blocks = ModbusRequestPlanner().plan(Self.processPoints)
            #expect(blocks.count == 4, "the four input registers share one read")
            let result = await client.poll(Self.processPoints, blocks: blocks, unit: 1)
            #expect(result.requests == 4 && result.errors.isEmpty, "\(result.errors)")
            let values = Dictionary(uniqueKeysWithValues: result.readings.map { ($0.name, $0.point) })
            #expect(result.readings.map(\.name) == Self.processPoints.map(\.name))
            #expect(result.readings.allSatisfy { $0.point.quality == .good })
            guard case .double(let temperature) = values["temperature"]?.value else {
                Issue.record("temperature is a double: \(String(describing: values["temperature"]))")
                return
            }
            #expect((0...150).contains(temperature))
            guard case .int(let counter) = values["counter"]?.value, case .int(let tick) = values["tick"]?.value,
                case .double(let pressure) = values["pressure"]?.value
            else {
                Issue.record("counter and tick are integers, pressure a double")
                return
            }
            #expect(counter >= 0 && tick >= 0)
            #expect((1.35...1.65).contains(pressure), "150 ± 10 hundredths of a bar")
            #expect(values["running"]?.value == .bool(true))
            #expect(values["overTemperature"]?.value == .bool(false))
            #expect(values["mirror"]?.quality == .good)
            #expect(result.readings.allSatisfy { $0.point.timestamp > 1_700_000_000_000 })
            await client.close()
        }
    }

    @Test func writesAndReadsBack() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let client = try await Self.connect(peer)
            let setpoint = ModbusPoint(name: "setpoint", table: .holdingRegister, address: 10, type: .float32)
            let scratch = ModbusPoint(name: "scratch", table: .holdingRegister, address: 12, type: .uint16)
            let running = ModbusPoint(name: "running", table: .coil, address: 0, type: .bool)
            try await client.write(setpoint, value: .double(72.5), unit: 1)
            try await client.write(scratch, value: .int(0xBEEF), unit: 1)
            try await client.write(running, value: .bool(false), unit: 1)
            let points = [setpoint, scratch, running]
            let result = await client.poll(points, blocks: ModbusRequestPlanner().plan(points), unit: 1)
            #expect(result.readings.map(\.point.value) == [.double(72.5), .int(0xBEEF), .bool(false)])
            #expect(result.requests == 2, "HR10–12 in one read, the coil in another")
            try await client.write(running, value: .bool(true), unit: 1)
            await client.close()
        }
    }

    @Test func anUnmappedAddressIsException2() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let client = try await Self.connect(peer)
            let unmapped = ModbusPoint(name: "nowhere", table: .holdingRegister, address: 100, type: .uint16)
            let result = await client.poll([unmapped], blocks: ModbusRequestPlanner().plan([unmapped]), unit: 1)
            #expect(result.readings.map(\.point.quality) == [ConnectorQuality.addressUnknown])
            #expect(
                result.errors == [
                    ConnectorError(
                        .refused,
                        "illegal data address at holding 100 (exception 02 to read holding registers (3), unit 1)")
                ])
            let error = await #expect(throws: ConnectorError.self) {
                try await client.perform(.read(.inputRegister, address: 6, count: 1), unit: 1)
            }
            #expect(
                error?.message == "illegal data address at input 6 (exception 02 to read input registers (4), unit 1)")
            #expect(client.isConnected, "an exception is an answer, not a broken link")
            await client.close()
        }
    }

    @Test func writingAReadOnlyRegisterIsException2() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let client = try await Self.connect(peer)
            let mirror = ModbusPoint(name: "mirror", table: .holdingRegister, address: 0, type: .float32)
            let error = await #expect(throws: ConnectorError.self) {
                try await client.write(mirror, value: .double(1), unit: 1)
            }
            #expect(error?.code == .refused)
            #expect(
                error?.message
                    == "illegal data address at holding 0 (exception 02 to write multiple registers (16), unit 1)")
            await client.close()
        }
    }
}
