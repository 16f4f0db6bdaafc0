import GantryConnectors
import GantryCore
import NIOCore
import Synchronization
import Testing

/// A request that goes unanswered is asked again within the same poll before its points turn bad; an exception
/// is an answer and is never asked again.
@Suite struct ModbusRetryTests {
    static let point = ModbusPoint(name: "level", table: .holdingRegister, address: 0, type: .uint16)

    /// A device that ignores the first `silent` requests it gets and answers the rest with register 0 = 42.
    static func device(ignoringFirst silent: Int) -> (@Sendable (ModbusFrame) -> [ScriptedModbusDevice.Reply]) {
        let seen = Mutex(0)
        return { frame in
            let count = seen.withLock { count in
                count += 1
                return count
            }
            guard count > silent else { return [] }
            return [ScriptedModbusDevice.answer(frame, .registers(.holdingRegister, [42]))]
        }
    }

    /// Polls once. The timeout is what a silent request costs; an answer that comes later than it, as on a
    /// loaded machine, would count as lost, so tests of answered requests give it room.
    static func poll(
        _ device: ScriptedModbusDevice, retries: Int, timeout: Duration = .seconds(1)
    ) async throws -> ModbusPollResult {
        let client = try await ModbusClientBadInputTests.connect(device, .init(timeout: timeout))
        let result = await client.poll(
            [point], blocks: ModbusRequestPlanner().plan([point]), unit: 1, retries: retries)
        await client.close()
        return result
    }

    @Test func aLostRequestIsAskedAgainWithinThePoll() async throws {
        try await ScriptedModbusDevice.with(Self.device(ignoringFirst: 1)) { device in
            let result = try await Self.poll(device, retries: 1)
            #expect(result.readings.map(\.point.value) == [.int(42)])
            #expect(result.readings.map(\.point.quality) == [.good])
            #expect(result.requests == 2)
            #expect(result.errors.map(\.code) == [.timeout])
        }
    }

    @Test func withoutRetriesTheSamePointTurnsBad() async throws {
        try await ScriptedModbusDevice.with(Self.device(ignoringFirst: 1)) { device in
            let result = try await Self.poll(device, retries: 0)
            #expect(result.readings.map(\.point.quality) == [ConnectorQuality.timeout])
            #expect(result.requests == 1)
        }
    }

    @Test func anExceptionIsNotAskedAgain() async throws {
        let asked = Mutex(0)
        let script: @Sendable (ModbusFrame) -> [ScriptedModbusDevice.Reply] = { frame in
            asked.withLock { $0 += 1 }
            return [ScriptedModbusDevice.answer(frame, .exception(function: 3, code: ModbusExceptionCode(rawValue: 2)))]
        }
        try await ScriptedModbusDevice.with(script) { device in
            let result = try await Self.poll(device, retries: 3, timeout: .seconds(10))
            #expect(result.readings.map(\.point.quality) == [ConnectorQuality.addressUnknown])
            #expect(asked.withLock { $0 } == 1)
        }
    }
}
