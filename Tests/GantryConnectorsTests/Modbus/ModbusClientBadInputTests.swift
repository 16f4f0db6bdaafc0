import GantryConnectors
import GantryTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// The client against a device that misbehaves: every broken answer resets the connection with a typed error
/// for each outstanding request, and nothing crashes.
@Suite struct ModbusClientBadInputTests {
    static let read = ModbusRequest.read(.holdingRegister, address: 0, count: 2)
    static let logger = Logger.quiet

    static func connect(
        _ device: ScriptedModbusDevice, _ options: ModbusClient.Options = .init(), logger: Logger = logger
    ) async throws -> ModbusClient {
        try await ModbusClient.connect(host: "127.0.0.1", port: device.port, options: options, logger: logger)
    }

    /// Answers sent for the first request (transaction 1, unit 1, FC3 of 2 registers).
    @Test(arguments: [
        ("00020000000701030400010002", "a response with transaction id 2, which no request has"),
        ("000100000000", "MBAP length 0 in transaction 1 is outside 2…254"),
        ("0001000000ff", "MBAP length 255 in transaction 1 is outside 2…254"),
        ("00010007000701030400010002", "MBAP protocol id 7 in transaction 1, not 0"),
        (
            "00010000000701030600010002",
            "transaction 1: read holding registers (3) response announces a byte count of 6 but carries 4 data bytes"
        ),
        ("0001000000050103020001", "transaction 1: byte count 2 for 2 registers, expected 4"),
        ("00010000000702030400010002", "transaction 1 was sent to unit 1, answered by unit 2"),
        ("000100000003010700", "transaction 1: unknown Modbus function code 7 (0x07)"),
    ])
    func aBrokenAnswerResetsTheConnection(answer: String, message: String) async throws {
        try await ScriptedModbusDevice.with({ _ in [.bytes(Hex.buffer(answer))] }) { device in
            let log = RecordedLog()
            let client = try await Self.connect(device, logger: log.logger)
            let error = await #expect(throws: ConnectorError.self) { try await client.send(Self.read, unit: 1) }
            #expect(error == ConnectorError(.protocolViolation, message))
            try await withDeadline("the connection closes") { await client.closed() }
            #expect(
                log.messages == [
                    "info resetting the Modbus connection modbus.device=127.0.0.1:\(device.port) modbus.reason=\(message)"
                ])
            #expect(client.closeReason == ConnectorError(.protocolViolation, message))
            let after = await #expect(throws: ConnectorError.self) { try await client.send(Self.read, unit: 1) }
            #expect(after?.code == .protocolViolation)
        }
    }

    @Test func aTruncatedFrameBeforeAHangUpIsAViolation() async throws {
        try await ScriptedModbusDevice.with({ _ in [.bytes(Hex.buffer("0001000000070103")), .close] }) { device in
            let client = try await Self.connect(device)
            let error = await #expect(throws: ConnectorError.self) { try await client.send(Self.read, unit: 1) }
            #expect(error == ConnectorError(.protocolViolation, "the connection ended inside a frame (8 bytes left)"))
        }
    }

    @Test func aHangUpFailsEveryOutstandingRequest() async throws {
        try await ScriptedModbusDevice.with({ _ in [.close] }) { device in
            let client = try await Self.connect(device, .init(maximumInFlight: 3))
            let errors = await withTaskGroup(of: ConnectorError?.self) { tasks in
                for _ in 0..<3 {
                    tasks.addTask {
                        do {
                            _ = try await client.send(Self.read, unit: 1)
                            return nil
                        } catch {
                            return error as? ConnectorError
                        }
                    }
                }
                return await tasks.reduce(into: []) { $0.append($1) }
            }
            #expect(errors.count == 3)
            #expect(errors.allSatisfy { $0?.code == .unreachable }, "\(errors)")
            await client.close()
        }
    }

    @Test func silenceTimesOutAndALateAnswerIsDropped() async throws {
        let held = Mutex<ModbusFrame?>(nil)
        let script: @Sendable (ModbusFrame) -> [ScriptedModbusDevice.Reply] = { frame in
            guard let first = held.withLock({ $0 }) else {
                held.withLock { $0 = frame }
                return []
            }
            return [
                ScriptedModbusDevice.answer(first, .registers(.holdingRegister, [1, 1])),
                ScriptedModbusDevice.answer(frame, .registers(.holdingRegister, [2, 2])),
            ]
        }
        try await ScriptedModbusDevice.with(script) { device in
            let client = try await Self.connect(device, .init(timeout: .seconds(2)))
            let error = await #expect(throws: ConnectorError.self) { try await client.send(Self.read, unit: 1) }
            #expect(error?.code == .timeout)
            #expect(
                error?.message.hasPrefix("no answer to read holding registers (3) at holding 0 from unit 1") == true)
            let answer = try await client.send(Self.read, unit: 1)
            #expect(answer.response == .registers(.holdingRegister, [2, 2]))
            #expect(client.isConnected)
            await client.close()
        }
    }

    @Test func pipelinedAnswersMayComeInAnyOrder() async throws {
        let waiting = Mutex<[ModbusFrame]>([])
        let script: @Sendable (ModbusFrame) -> [ScriptedModbusDevice.Reply] = { frame in
            let all: [ModbusFrame]? = waiting.withLock { frames in
                frames.append(frame)
                return frames.count == 3 ? frames : nil
            }
            guard let all else { return [] }
            return all.reversed().map { request in
                guard case .read(_, let address, _) = try? ModbusRequest.decode(request.pdu) else { return .close }
                return ScriptedModbusDevice.answer(request, .registers(.holdingRegister, [address]))
            }
        }
        try await ScriptedModbusDevice.with(script) { device in
            let client = try await Self.connect(device, .init(maximumInFlight: 3))
            let answers = try await withThrowingTaskGroup(of: (UInt16, ModbusResponse).self) { tasks in
                for address: UInt16 in [10, 20, 30] {
                    tasks.addTask {
                        (
                            address,
                            try await client.send(.read(.holdingRegister, address: address, count: 1), unit: 1).response
                        )
                    }
                }
                return try await tasks.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(
                answers == [
                    10: .registers(.holdingRegister, [10]), 20: .registers(.holdingRegister, [20]),
                    30: .registers(.holdingRegister, [30]),
                ])
            await client.close()
        }
    }

    @Test func nothingListeningIsUnreachable() async throws {
        let port = RefusedPort.number
        let error = await #expect(throws: ConnectorError.self) {
            try await ModbusClient.connect(host: "127.0.0.1", port: port, logger: Self.logger)
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message.hasPrefix("cannot connect to Modbus device 127.0.0.1:\(port): ") == true)
    }
}
