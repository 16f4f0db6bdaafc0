import GantryConnectors
import GantryCore
import GantryTesting
import Logging
import Testing

/// The supervised connector against the pymodbus peer: it polls, writes, marks points bad when the peer dies,
/// and comes back when it returns. Deadlines are generous; nothing here measures time.
@Suite struct ModbusConnectorTests {
    static func configuration(port: Int) -> ModbusConnectorConfiguration {
        ModbusConnectorConfiguration(
            host: "127.0.0.1", port: port, timeoutMilliseconds: 2000, connectTimeoutMilliseconds: 2000,
            maximumInFlight: 1, reconnectInitialMilliseconds: 50, reconnectMaximumMilliseconds: 500,
            groups: [
                ModbusPollGroup(name: "process", scanRateMilliseconds: 100, points: ModbusPeerTests.processPoints),
                ModbusPollGroup(
                    name: "settings", unitID: 7, scanRateMilliseconds: 150,
                    points: [ModbusPoint(name: "setpoint", table: .holdingRegister, address: 10, type: .float32)]),
            ])
    }

    static func isGood(_ name: String, _ value: SampleValue? = nil) -> @Sendable (RecordingSink.Event) -> Bool {
        { event in
            guard case .readings(let readings) = event else { return false }
            return readings.contains {
                $0.name == name && $0.point.quality == .good && (value == nil || $0.point.value == value)
            }
        }
    }

    static let allNotConnected: @Sendable (RecordingSink.Event) -> Bool = { event in
        guard case .readings(let readings) = event else { return false }
        return readings.count == 8 && readings.allSatisfy { $0.point.quality == ConnectorQuality.notConnected }
    }

    @Test func pollsWritesAndSurvivesThePeerDying() async throws {
        try await ProtocolPeer.with(.modbus) { peer in
            let sink = RecordingSink()
            let connector = try ModbusConnector(
                configuration: Self.configuration(port: peer.port), sink: sink, logger: Logger.quiet)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await connector.run() }
                try await sink.wait("the link comes up") { $0 == .link(online: true, reason: nil) }
                try await sink.wait("a good temperature", Self.isGood("temperature"))
                try await connector.write("setpoint", value: .double(65))
                try await sink.wait("the setpoint reads back", Self.isGood("setpoint", .double(65)))

                peer.kill()
                let down = try await sink.wait("every point notConnected", Self.allNotConnected)
                try await sink.wait("the link goes down", after: down) {
                    if case .link(online: false, let reason) = $0 { return reason != nil }
                    return false
                }
                let error = await #expect(throws: ConnectorError.self) {
                    try await connector.write("setpoint", value: .double(66))
                }
                #expect(error?.code == .unreachable)
                #expect(connector.status.current.link == .offline)

                try await peer.start()
                let up = try await sink.wait("the link comes back", after: down) {
                    $0 == .link(online: true, reason: nil)
                }
                try await sink.wait("data flows again", after: up, Self.isGood("temperature"))
                let status = connector.status.current
                #expect(status.link == .online && status.reconnects >= 1)
                #expect(status.requests > 0 && status.readings > 0 && status.lastLatencyMilliseconds != nil)
                tasks.cancelAll()
            }
        }
    }

    @Test func aDeviceThatIsNotThereIsReportedOfflineOnce() async throws {
        let port = RefusedPort.number
        let sink = RecordingSink()
        let connector = try ModbusConnector(
            configuration: Self.configuration(port: port), sink: sink, logger: Logger.quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await connector.run() }
            try await sink.wait("every point notConnected", Self.allNotConnected)
            try await sink.wait("the link is reported down") {
                if case .link(online: false, let reason?) = $0 { return reason.contains("127.0.0.1:\(port): ") }
                return false
            }
            tasks.cancelAll()
        }
        #expect(sink.events.count == 2, "retries do not repeat the report: \(sink.events)")
        #expect(connector.status.current.link == .offline)
    }

    @Test func aSilentDeviceIsPresumedDeadAndReconnected() async throws {
        try await ScriptedModbusDevice.with({ _ in [] }) { device in
            var configuration = Self.configuration(port: device.port)
            configuration.timeoutMilliseconds = 50
            configuration.groups.removeLast()
            let sink = RecordingSink()
            let connector = try ModbusConnector(configuration: configuration, sink: sink, logger: Logger.quiet)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await connector.run() }
                let first = try await sink.wait("the link comes up") { $0 == .link(online: true, reason: nil) }
                let timedOut = try await sink.wait("readings with timeout quality", after: first) { event in
                    guard case .readings(let readings) = event else { return false }
                    return readings.allSatisfy { $0.point.quality == ConnectorQuality.timeout }
                }
                let down = try await sink.wait("the link is presumed dead", after: timedOut) {
                    $0 == .link(online: false, reason: "poll group \"process\" got no answer 3 times in a row")
                }
                try await sink.wait("it reconnects", after: down) { $0 == .link(online: true, reason: nil) }
                tasks.cancelAll()
            }
        }
    }

    @Test func refusesAnInvalidConfiguration() {
        var configuration = Self.configuration(port: 502)
        configuration.groups[1].points[0].address = -1
        #expect(throws: ConnectorError.self) {
            try ModbusConnector(configuration: configuration, sink: RecordingSink(), logger: Logger.quiet)
        }
    }
}
